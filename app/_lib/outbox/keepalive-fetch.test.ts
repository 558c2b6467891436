import { describe, expect, it } from "vitest";
import { pointsItem, POINTS_PER_ITEM } from "./items";
import { KEEPALIVE_MAX_BODY_BYTES, withKeepalive } from "./keepalive-fetch";

describe("withKeepalive", () => {
  it("asks for keepalive only while the page is hidden", () => {
    const init = { method: "POST", body: '{"json":{}}' };
    expect(withKeepalive(init, false)).toBe(init);
    expect(withKeepalive(init, true)).toEqual({ ...init, keepalive: true });
    expect(withKeepalive(undefined, true)).toEqual({ keepalive: true });
  });

  it("leaves a body over the browsers' 64 KiB keepalive budget as a plain request", () => {
    const big = { method: "POST", body: "x".repeat(KEEPALIVE_MAX_BODY_BYTES + 1) };
    expect(withKeepalive(big, true)).toBe(big);
    // Multi-byte characters count as bytes, not as string length.
    const korean = { method: "POST", body: "가".repeat(KEEPALIVE_MAX_BODY_BYTES / 2) };
    expect(withKeepalive(korean, true)).toBe(korean);
  });

  it("fits a full batch of fixes, as tRPC sends it, in the budget", () => {
    const points = Array.from({ length: POINTS_PER_ITEM }, (_, i) => ({
      id: crypto.randomUUID(),
      ts: 1_795_000_000_000 + i * 1000,
      lat: 37.528312345678 + i * 1e-5,
      lng: 126.932612345678,
      altitude: 12.345678,
      accuracy: 4.8765,
      speed: 3.14159265,
    }));
    const item = pointsItem("00000000-0000-4000-8000-000000000001", points, 0);
    const body = JSON.stringify({ json: { activityId: item.activityId, points: item.points } });
    expect(withKeepalive({ method: "POST", body }, true)).toMatchObject({ keepalive: true });
  });
});
