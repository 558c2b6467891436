import { describe, expect, it } from "vitest";
import { haversineDistance, pathDistance } from "../geo/distance";
import type { TrackPoint } from "../geo/track-point";
import { seededRandom } from "./testing/random";
import { smoothSegment } from "./smooth-track";

const METERS_PER_DEGREE = 111_195;

function line(count: number, metersPerSecond: number, everySeconds = 1, noise = 0, seed = 1): TrackPoint[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: String(i),
    ts: i * everySeconds * 1000,
    lat: 37.5 + (i * everySeconds * metersPerSecond + noise * random.normal()) / METERS_PER_DEGREE,
    lng: 127 + (noise * random.normal()) / (METERS_PER_DEGREE * Math.cos((37.5 * Math.PI) / 180)),
    altitude: null,
    accuracy: 5,
    speed: null,
  }));
}

describe("smoothSegment", () => {
  it("leaves fixes on a straight line at constant speed where they are (no lag, no shortened ends)", () => {
    const points = line(300, 3);
    const smoothed = smoothSegment(points);
    const worst = Math.max(...smoothed.map((p, i) => haversineDistance(p, points[i]!)));
    expect(worst).toBeLessThan(0.01);
  });

  it("takes out most of the length that white noise adds", () => {
    const clean = pathDistance(line(600, 1.3)); // a walk, where noise adds the most
    const noisy = line(600, 1.3, 1, 1.5);
    const excessRaw = pathDistance(noisy) - clean;
    const excessSmoothed = pathDistance(smoothSegment(noisy)) - clean;
    expect(excessRaw / clean).toBeGreaterThan(0.3);
    expect(Math.abs(excessSmoothed)).toBeLessThan(excessRaw / 10);
  });

  it("is independent of direction: the reversed fixes smooth to the same places", () => {
    const forward = line(120, 2.5, 1, 3, 9);
    const backward = [...forward].reverse().map((p, i) => ({ ...p, ts: i * 1000 }));
    const a = smoothSegment(forward);
    const b = smoothSegment(backward).reverse();
    expect(Math.max(...a.map((p, i) => haversineDistance(p, b[i]!)))).toBeLessThan(0.01);
  });
});
