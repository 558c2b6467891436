import { describe, expect, it } from "vitest";
import { formatPace } from "./format";

describe("formatPace", () => {
  it("writes minutes and seconds, or a dash", () => {
    expect(formatPace(342)).toBe("5:42");
    expect(formatPace(null)).toBe("—");
    expect(formatPace(200 * 60)).toBe("—");
  });
});
