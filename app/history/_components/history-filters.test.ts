import { describe, expect, it } from "vitest";
import { filtersFromUrl, hrefWith } from "./history-filters";

describe("history filters in the URL", () => {
  it("keeps valid filters and drops the rest", () => {
    expect(filtersFromUrl({ month: "2026-10", program: "5k-improvement", cursor: "1700000000000.0b5e7c1e-1f0a-4c1e-9d2a-3c4b5d6e7f80" })).toEqual({
      month: "2026-10",
      program: "5k-improvement",
      cursor: "1700000000000.0b5e7c1e-1f0a-4c1e-9d2a-3c4b5d6e7f80",
    });
    expect(filtersFromUrl({ month: "2026-13", program: "DROP TABLE", cursor: ["a", "b"] })).toEqual({
      month: undefined,
      program: undefined,
      cursor: undefined,
    });
  });

  it("builds links under the page's own path", () => {
    expect(hrefWith("/history", {})).toBe("/history");
    expect(hrefWith("/history/mina", { month: "2026-10", program: "10k-builder" })).toBe("/history/mina?month=2026-10&program=10k-builder");
  });
});
