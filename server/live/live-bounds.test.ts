import { describe, expect, it } from "vitest";
import { accessCheckDelayMs, connectionLifetimeMs, followerTooSlow, MAX_QUEUED_BYTES, parseLastEventId, sseMessage } from "./live-bounds";

describe("live bounds", () => {
  it("spreads connection lifetimes over the last 10 % so followers do not reconnect together", () => {
    expect(connectionLifetimeMs(300, () => 0)).toBe(300_000);
    expect(connectionLifetimeMs(300, () => 1)).toBe(270_000);
  });

  it("spreads access checks over ±25 % of their interval", () => {
    expect(accessCheckDelayMs(60_000, () => 0)).toBe(45_000);
    expect(accessCheckDelayMs(60_000, () => 0.5)).toBe(60_000);
    expect(accessCheckDelayMs(60_000, () => 1)).toBe(75_000);
  });

  it("drops a follower only past the queue bound", () => {
    expect(followerTooSlow(MAX_QUEUED_BYTES)).toBe(false);
    expect(followerTooSlow(MAX_QUEUED_BYTES + 1)).toBe(true);
  });

  it("takes only our own event ids back", () => {
    expect(parseLastEventId("42")).toBe(42);
    for (const bad of [null, "", "-1", "4.2", "1-1", "x", "9".repeat(13)]) expect(parseLastEventId(bad)).toBeNull();
  });

  it("writes one SSE message whose data is one line", () => {
    expect(sseMessage("update", 3, { a: "x\ny" })).toBe('id: 3\nevent: update\ndata: {"a":"x\\ny"}\n\n');
  });
});
