import { describe, expect, it } from "vitest";
import { currentTab } from "./current-tab";

describe("currentTab", () => {
  it("marks the section a page belongs to", () => {
    expect(currentTab("/courses")).toBe("courses");
    expect(currentTab("/courses/30-minute-run-challenge-w1s1")).toBe("courses");
    expect(currentTab("/history/demofriend")).toBe("history");
    expect(currentTab("/runs/0b6c4a8e-2f1e-4c1a-9a55-0f4f8f0e7d11")).toBe("history");
    expect(currentTab("/friends")).toBe("friends");
    expect(currentTab("/account")).toBe("account");
    expect(currentTab("/sign-up")).toBe("account");
  });

  it("does not take a longer word for its prefix, and marks nothing elsewhere", () => {
    expect(currentTab("/coursesx")).toBeNull();
    expect(currentTab("/historyish")).toBeNull();
    expect(currentTab("/")).toBeNull();
    expect(currentTab("/~offline")).toBeNull();
  });
});
