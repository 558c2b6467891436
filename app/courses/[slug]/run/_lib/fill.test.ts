import { describe, expect, it } from "vitest";
import { fill } from "./fill";

describe("fill", () => {
  it("fills named slots and leaves unknown ones", () => {
    expect(fill("{n} events waiting, {x}", { n: 3 })).toBe("3 events waiting, {x}");
  });
});
