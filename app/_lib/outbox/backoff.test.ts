import { describe, expect, it } from "vitest";
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffCeiling, backoffDelay } from "./backoff";

describe("backoff", () => {
  it("doubles from 2 s up to the 5 min cap", () => {
    expect([1, 2, 3, 4].map((n) => backoffCeiling(n))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(backoffCeiling(9)).toBe(BACKOFF_CAP_MS);
    expect(backoffCeiling(1_000)).toBe(BACKOFF_CAP_MS);
    expect(backoffCeiling(0)).toBe(0);
  });

  it("waits a random time below the ceiling (full jitter)", () => {
    expect(backoffDelay(1, () => 0)).toBe(0);
    expect(backoffDelay(1, () => 0.5)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffDelay(3, () => 0.999_999)).toBeLessThan(8_000);
    expect(backoffDelay(3, () => 0.999_999)).toBeGreaterThan(7_990);
  });
});
