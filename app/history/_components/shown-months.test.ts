import { describe, expect, it } from "vitest";
import { monthsSum, shownMonths, type PeriodTotal } from "./shown-months";

const month = (period: string, runs: number, distanceMeters = runs * 5_000): PeriodTotal => ({
  period,
  runs,
  distanceMeters,
  movingSeconds: runs * 1_800,
});

const year = [month("2026-01-01", 0), month("2026-02-01", 2), month("2026-03-01", 0), month("2026-04-01", 1), month("2026-05-01", 0)];

describe("the months history shows", () => {
  it("keeps only months with runs, newest first", () => {
    expect(shownMonths(year).map((m) => m.period)).toEqual(["2026-04-01", "2026-02-01"]);
  });

  it("keeps the month the list is filtered to, even without runs", () => {
    expect(shownMonths(year, "2026-03").map((m) => m.period)).toEqual(["2026-04-01", "2026-03-01", "2026-02-01"]);
  });

  it("does not reorder the caller's array", () => {
    const input = [...year];
    shownMonths(input);
    expect(input).toEqual(year);
  });

  it("sums runs and distance over the period", () => {
    expect(monthsSum(year)).toEqual({ runs: 3, distanceMeters: 15_000 });
    expect(monthsSum([])).toEqual({ runs: 0, distanceMeters: 0 });
  });
});
