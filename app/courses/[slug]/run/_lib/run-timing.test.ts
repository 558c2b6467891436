import { describe, expect, it } from "vitest";
import { activeSecondsAt } from "@/domain/run/run-clock";
import { wallTimeAtActiveSeconds } from "./run-timing";

const START = Date.UTC(2025, 4, 1, 6, 0, 0);

describe("wallTimeAtActiveSeconds", () => {
  it("is the start plus the seconds when nothing was paused", () => {
    expect(wallTimeAtActiveSeconds({ startedAt: START, pauses: [] }, 90)).toBe(START + 90_000);
  });

  it("adds every pause that began before the moment", () => {
    const timing = {
      startedAt: START,
      pauses: [
        { at: START + 10_000, resumedAt: START + 40_000 },
        { at: START + 100_000, resumedAt: START + 105_000 },
      ],
    };
    // 10 s active, 30 s paused, then active again: 60 active seconds are reached at 90 s wall time.
    expect(wallTimeAtActiveSeconds(timing, 60)).toBe(START + 90_000);
    expect(wallTimeAtActiveSeconds(timing, 80)).toBe(START + 115_000);
    for (const seconds of [0, 5, 10, 60, 80, 300]) {
      expect(activeSecondsAt(timing, wallTimeAtActiveSeconds(timing, seconds))).toBeCloseTo(seconds, 6);
    }
  });

  it("is never reached while a pause that began earlier is still open", () => {
    const timing = { startedAt: START, pauses: [{ at: START + 10_000, resumedAt: null }] };
    expect(wallTimeAtActiveSeconds(timing, 5)).toBe(START + 5_000);
    expect(wallTimeAtActiveSeconds(timing, 20)).toBe(Number.POSITIVE_INFINITY);
  });
});
