import { describe, expect, it } from "vitest";
import { buildCueSchedule, type CourseStep } from "../coaching/schedule";
import { activeSecondsAt, cueDueNow, positionAt } from "./run-clock";

const T0 = Date.UTC(2026, 10, 22, 7, 0, 0);
const STEPS: CourseStep[] = [
  { type: "warmup", durationSeconds: 300 },
  { type: "run", durationSeconds: 60 },
  { type: "walk", durationSeconds: 120 },
  { type: "cooldown", durationSeconds: 300 },
];

describe("activeSecondsAt", () => {
  it("subtracts closed and open pauses and freezes at the finish", () => {
    const timing = { startedAt: T0, pauses: [{ at: T0 + 100_000, resumedAt: T0 + 160_000 }, { at: T0 + 400_000, resumedAt: null }] };
    expect(activeSecondsAt(timing, T0 + 50_000)).toBe(50);
    expect(activeSecondsAt(timing, T0 + 130_000)).toBe(100);
    expect(activeSecondsAt(timing, T0 + 400_000)).toBe(340);
    expect(activeSecondsAt(timing, T0 + 9_000_000)).toBe(340);
    expect(activeSecondsAt({ startedAt: T0, pauses: [], finishedAt: T0 + 30_000 }, T0 + 90_000)).toBe(30);
  });
});

describe("positionAt (the resume logic: start, pauses and now give step and second)", () => {
  it("finds the step and the time left in it", () => {
    const timing = { startedAt: T0, pauses: [{ at: T0 + 200_000, resumedAt: T0 + 260_000 }] };
    // 390 s of wall time, 60 s paused: 330 s active → 30 s into the run step.
    const position = positionAt(STEPS, activeSecondsAt(timing, T0 + 390_000));
    expect(position).toMatchObject({ stepIndex: 1, secondsIntoStep: 30, secondsLeftInStep: 30, finished: false });
    expect(position.progress).toBeCloseTo(330 / 780);
  });

  it("is finished at and after the end", () => {
    expect(positionAt(STEPS, 780)).toMatchObject({ stepIndex: 4, finished: true, progress: 1 });
    expect(positionAt(STEPS, 779.5)).toMatchObject({ stepIndex: 3, finished: false });
  });
});

describe("cueDueNow", () => {
  const schedule = buildCueSchedule(STEPS);

  it("speaks a cue that is due, once", () => {
    const first = cueDueNow(schedule, -1, 0.2);
    expect(first.cue?.key).toBe("step-warmup-300");
    expect(cueDueNow(schedule, first.handledUpTo, 0.9).cue).toBeNull();
  });

  it("after a suspension, skips old cues and speaks only one that is due now", () => {
    // The tab slept from 10 s to 301 s: the warm-up's halfway, 10-seconds and countdown are stale.
    const woke = cueDueNow(schedule, 0, 301);
    expect(woke.cue?.key).toBe("step-run-60");
    expect(woke.handledUpTo).toBe(300);
    // Slept past the run step's start by more than the tolerance: nothing is spoken, all is handled.
    const late = cueDueNow(schedule, 0, 330);
    expect(late.cue).toBeNull();
    expect(late.handledUpTo).toBe(300);
    expect(cueDueNow(schedule, late.handledUpTo, 351).cue?.key).toBe("ten-seconds-left");
  });
});
