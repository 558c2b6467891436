import { describe, expect, it } from "vitest";
import { decodeLocationMessage, encodeLocationMessage, UnreadableMessageError, type LocationMessage } from "./location-messages";

const points: LocationMessage = {
  kind: "points",
  activityId: "5b3c1c3e-0f7e-4a4e-9d36-3a4b1a0d9c11",
  userId: "user-1",
  receivedAt: 1_764_000_000_000,
  points: [
    { id: "b0f8e9c2-7a0d-4c1e-8b3a-1f2e3d4c5b6a", ts: 1_764_000_000_000, lat: 37.5, lng: 127.0, altitude: 12.5, accuracy: 4, speed: null },
    { id: "c1a9f0d3-8b1e-4d2f-9c4b-2a3f4e5d6c7b", ts: 1_764_000_003_000, lat: -33.9, lng: 151.2, altitude: null, accuracy: null, speed: 3.1 },
  ],
};

describe("location messages", () => {
  it("reads back a points batch exactly, nulls included", () => {
    expect(decodeLocationMessage(encodeLocationMessage(points))).toEqual(points);
  });

  it("reads back a record request", () => {
    const request: LocationMessage = { kind: "record", activityId: points.activityId, reason: "finish" };
    expect(decodeLocationMessage(encodeLocationMessage(request))).toEqual(request);
  });

  it("is smaller than the same points as objects", () => {
    expect(encodeLocationMessage(points).length).toBeLessThan(JSON.stringify(points).length);
  });

  it.each([
    ["empty", Buffer.alloc(0), /empty/],
    ["not JSON", Buffer.from("{oops"), /not JSON/],
    ["another version", Buffer.from(JSON.stringify({ v: 2, kind: "record", activityId: "a", reason: "finish" })), /v1/],
    ["a point short of fields", Buffer.from(JSON.stringify({ v: 1, kind: "points", activityId: "a", userId: "u", receivedAt: 1, points: [["id", 1, 2]] })), /points/],
  ])("refuses %s with a reason", (_, value, reason) => {
    expect(() => decodeLocationMessage(value)).toThrow(UnreadableMessageError);
    expect(() => decodeLocationMessage(value)).toThrow(reason);
  });
});
