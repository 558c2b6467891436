import { describe, expect, it } from "vitest";
import { elevationProfile } from "./elevation-profile";

const point = (i: number, altitude: number | null) => ({
  id: String(i), ts: i * 1000, lat: 37.5 + i * 0.0001, lng: 126.9, altitude, accuracy: null, speed: null,
});

describe("elevationProfile", () => {
  it("accumulates distance and skips points without altitude", () => {
    const profile = elevationProfile([point(0, 10), point(1, null), point(2, 12)]);
    expect(profile).toHaveLength(2);
    expect(profile[0]).toEqual({ meters: 0, altitude: 10 });
    expect(profile[1]!.meters).toBeCloseTo(22.24, 1);
  });

  it("thins to at most maxSamples, keeping the first and last", () => {
    const points = Array.from({ length: 1000 }, (_, i) => point(i, i));
    const profile = elevationProfile(points, 50);
    expect(profile).toHaveLength(50);
    expect(profile[0]!.altitude).toBe(0);
    expect(profile.at(-1)!.altitude).toBe(999);
  });
});
