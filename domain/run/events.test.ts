import { describe, expect, it } from "vitest";
import { activeSecondsAt } from "./run-clock";
import { foldRunEvents, IllegalRunTransitionError, type RunEvent } from "./events";

const T0 = Date.UTC(2026, 10, 22, 7, 0, 0);
const A = "00000000-0000-4000-8000-000000000001";
const COURSE = "00000000-0000-4000-8000-0000000000c0";
let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

const start = (at = T0): RunEvent => ({ id: id(), activityId: A, seq: 1, at, type: "start", courseId: COURSE });
const pause = (seq: number, at: number): RunEvent => ({ id: id(), activityId: A, seq, at, type: "pause" });
const resume = (seq: number, at: number): RunEvent => ({ id: id(), activityId: A, seq, at, type: "resume" });
const finish = (seq: number, at: number, status: "completed" | "stopped" = "completed"): RunEvent => ({
  id: id(),
  activityId: A,
  seq,
  at,
  type: "finish",
  status,
});

describe("foldRunEvents", () => {
  it("records pauses and the finish", () => {
    const state = foldRunEvents([start(), pause(2, T0 + 60_000), resume(3, T0 + 90_000), finish(4, T0 + 600_000)]);
    expect(state).toMatchObject({ status: "completed", startedAt: T0, finishedAt: T0 + 600_000, lastSeq: 4 });
    expect(state?.pauses).toEqual([{ at: T0 + 60_000, resumedAt: T0 + 90_000 }]);
    expect(activeSecondsAt(state!, T0 + 999_999)).toBe(570);
  });

  it("gives the same state whatever order the events are delivered in", () => {
    const events = [start(), pause(2, T0 + 10_000), resume(3, T0 + 20_000), finish(4, T0 + 30_000, "stopped")];
    expect(foldRunEvents([...events].reverse())).toEqual(foldRunEvents(events));
  });

  it("closes an open pause when a paused run is stopped", () => {
    const state = foldRunEvents([start(), pause(2, T0 + 10_000), finish(3, T0 + 50_000, "stopped")]);
    expect(state?.pauses).toEqual([{ at: T0 + 10_000, resumedAt: T0 + 50_000 }]);
    expect(activeSecondsAt(state!, T0 + 100_000)).toBe(10);
  });

  it.each([
    ["resume a completed run", [start(), finish(2, T0 + 1_000), resume(3, T0 + 2_000)], /Cannot resume a run that is completed/],
    ["finish before start", [finish(1, T0)], /must begin with a start/],
    ["pause twice", [start(), pause(2, T0 + 1), pause(3, T0 + 2)], /Cannot pause a run that is paused/],
    ["skip a sequence number", [start(), pause(3, T0 + 1)], /Event 3 arrived but 2 is next/],
    ["go back in time", [start(), pause(2, T0 - 5_000)], /earlier than the event before it/],
  ])("refuses to %s", (_, events, message) => {
    expect(() => foldRunEvents(events as RunEvent[])).toThrow(IllegalRunTransitionError);
    expect(() => foldRunEvents(events as RunEvent[])).toThrow(message as RegExp);
  });
});
