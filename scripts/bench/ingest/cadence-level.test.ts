import { describe, expect, it } from "vitest";
import { climbUntilSaturated, doublingLevels, saturationBounds } from "./cadence-level";

const row = (runners: number, saturated = false) => ({ runners, saturated: saturated ? "upload p99 > upload interval" : null });

describe("the doubling of cadence levels", () => {
  it("doubles up to the maximum and slips in the extra level where the doubling passes it", () => {
    expect(doublingLevels(250, 32_000, 20_000)).toEqual([250, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 20_000, 32_000]);
    expect(doublingLevels(2_000, 64_000)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000]);
    expect(doublingLevels(2_000, 10_000, 20_000)).toEqual([2_000, 4_000, 8_000]);
  });

  it("stops at the first saturated level and measures once halfway back", async () => {
    const measured: number[] = [];
    const rows = await climbUntilSaturated([2_000, 4_000, 8_000, 16_000], async (level) => {
      measured.push(level);
      return row(level, level >= 8_000);
    });
    expect(measured).toEqual([2_000, 4_000, 8_000, 6_000]);
    expect(rows.map((r) => r.runners)).toEqual([2_000, 4_000, 8_000, 6_000]);
    expect(saturationBounds(rows)).toEqual({ kept: row(6_000), saturated: row(8_000, true) });
  });

  it("measures no halfway level when the first level saturates, and reports none saturated when none did", async () => {
    expect((await climbUntilSaturated([2_000, 4_000], async (level) => row(level, true))).map((r) => r.runners)).toEqual([2_000]);
    const kept = await climbUntilSaturated([2_000, 4_000], async (level) => row(level));
    expect(saturationBounds(kept)).toEqual({ kept: row(4_000), saturated: undefined });
  });
});
