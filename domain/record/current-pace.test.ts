import { describe, expect, it } from "vitest";
import { currentPace } from "./current-pace";

describe("currentPace", () => {
  it("is null without enough counted movement", () => {
    expect(currentPace([])).toBeNull();
    expect(currentPace([{ meters: 5, seconds: 5 }])).toBeNull();
  });

  it("is seconds per kilometre over the counted steps", () => {
    // 11.1 m every 2 s = 5.56 m/s = 180 s/km.
    const steps = Array.from({ length: 9 }, () => ({ meters: 11.11, seconds: 2 }));
    expect(currentPace(steps)).toBeCloseTo(180, 0);
  });
});
