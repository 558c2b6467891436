import { describe, expect, it } from "vitest";
import { pathDistance } from "@/domain/geo/distance";
import type { TrackPoint } from "@/domain/geo/track-point";
import { addFix, EMPTY_TRACK, isRepeat } from "./live-track";
import { PACE_WINDOW_MS } from "./pace";

const fix = (i: number): TrackPoint => ({
  id: `p${i}`,
  ts: i * 3_000,
  lat: 37.5 + i * 0.0001,
  lng: 126.9,
  altitude: null,
  accuracy: 5,
  speed: null,
});

describe("addFix", () => {
  it("sums the same distance as pathDistance and keeps only the pace window", () => {
    const points = Array.from({ length: 40 }, (_, i) => fix(i));
    const track = points.reduce(addFix, EMPTY_TRACK);
    expect(track.pointCount).toBe(40);
    expect(track.distanceMeters).toBeCloseTo(pathDistance(points), 6);
    expect(track.recent.at(-1)).toEqual(points.at(-1));
    expect(track.recent.at(-1)!.ts - track.recent[1]!.ts).toBeLessThanOrEqual(PACE_WINDOW_MS);
    expect(track.recent.at(-1)!.ts - track.recent[0]!.ts).toBeGreaterThan(PACE_WINDOW_MS);
  });
});

describe("isRepeat", () => {
  it("knows the last fix handed again (same time), not a new one", () => {
    const track = [fix(0), fix(1)].reduce(addFix, EMPTY_TRACK);
    expect(isRepeat(track, { ...fix(1), id: "again" })).toBe(true);
    expect(isRepeat(track, fix(2))).toBe(false);
    expect(isRepeat(EMPTY_TRACK, fix(0))).toBe(false);
  });
});
