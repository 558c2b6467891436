import { describe, expect, it } from "vitest";
import { resolveTimeZone } from "./time-zone";

describe("resolveTimeZone", () => {
  it("keeps a real zone the browser reported", () => {
    expect(resolveTimeZone("Asia/Seoul", "en")).toBe("Asia/Seoul");
    expect(resolveTimeZone("Europe/Berlin", "ko")).toBe("Europe/Berlin");
  });

  it("falls back by language for a missing or made-up zone", () => {
    expect(resolveTimeZone(undefined, "ko")).toBe("Asia/Seoul");
    expect(resolveTimeZone("Mars/Olympus", "en")).toBe("UTC");
  });
});
