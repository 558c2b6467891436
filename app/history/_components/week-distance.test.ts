import { describe, expect, it } from "vitest";
import { weekDistanceLabel } from "./week-distance";

describe("weekDistanceLabel", () => {
  it("writes kilometres in at most four characters", () => {
    expect(weekDistanceLabel(850)).toBe("0.9");
    expect(weekDistanceLabel(4_240)).toBe("4.2");
    expect(weekDistanceLabel(9_940)).toBe("9.9");
    expect(weekDistanceLabel(9_960)).toBe("10");
    expect(weekDistanceLabel(42_195)).toBe("42");
    expect(weekDistanceLabel(123_400)).toBe("123");
  });

  it("leaves a week without distance unlabelled", () => {
    expect(weekDistanceLabel(0)).toBe("");
  });
});
