import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it("keeps same-site paths", () => {
    expect(safeNext("/history")).toBe("/history");
    expect(safeNext("/courses/x?y=1")).toBe("/courses/x?y=1");
  });

  it("refuses other sites and falls back to the catalog", () => {
    expect(safeNext("//evil.example/x")).toBe("/courses");
    expect(safeNext("https://evil.example")).toBe("/courses");
    expect(safeNext(undefined)).toBe("/courses");
  });
});
