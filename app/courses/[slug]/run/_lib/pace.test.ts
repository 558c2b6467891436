import { describe, expect, it } from "vitest";
import type { TrackPoint } from "@/domain/geo/track-point";
import { currentPace, formatPace } from "./pace";

const T0 = Date.UTC(2025, 4, 1, 6, 0, 0);
// 0.0001° of latitude is about 11.1 m.
const point = (i: number, seconds: number, lat = 37.5 + i * 0.0001): TrackPoint => ({
  id: String(i),
  ts: T0 + seconds * 1000,
  lat,
  lng: 127,
  altitude: null,
  accuracy: 5,
  speed: null,
});

describe("currentPace", () => {
  it("is null without enough movement", () => {
    expect(currentPace([])).toBeNull();
    expect(currentPace([point(0, 0)])).toBeNull();
    expect(currentPace([point(0, 0), point(0, 5, 37.5)])).toBeNull();
  });

  it("is seconds per kilometre over the recent fixes", () => {
    // 11.1 m every 2 s = 5.56 m/s = 180 s/km.
    const points = Array.from({ length: 10 }, (_, i) => point(i, i * 2));
    expect(currentPace(points)).toBeCloseTo(180, -1);
  });

  it("only looks at the last half minute", () => {
    const slow = Array.from({ length: 5 }, (_, i) => point(i, i * 20));
    const fast = Array.from({ length: 10 }, (_, i) => point(5 + i, 100 + i * 2));
    expect(currentPace([...slow, ...fast])).toBeCloseTo(180, -1);
  });
});

describe("formatPace", () => {
  it("writes minutes and seconds, or a dash", () => {
    expect(formatPace(342)).toBe("5:42");
    expect(formatPace(null)).toBe("—");
    expect(formatPace(200 * 60)).toBe("—");
  });
});
