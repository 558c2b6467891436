import { describe, expect, it } from "vitest";
import { loadTrack } from "@/test-support/tracks";
import { EARTH_MEAN_RADIUS } from "./distance";
import { ROUTE_TOLERANCE, simplifyLine, simplifyRoute, type RoutePoint } from "./simplify-route";
import { meters } from "./units";

/** Metres from p to the segment ab, on a plane tangent at a (fine over a few hundred metres). */
function distanceToSegment(p: RoutePoint, a: RoutePoint, b: RoutePoint): number {
  const k = (EARTH_MEAN_RADIUS * Math.PI) / 180;
  const kx = k * Math.cos((a[0] * Math.PI) / 180);
  const [px, py] = [(p[1] - a[1]) * kx, (p[0] - a[0]) * k];
  const [bx, by] = [(b[1] - a[1]) * kx, (b[0] - a[0]) * k];
  const lengthSquared = bx * bx + by * by;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / lengthSquared));
  return Math.hypot(px - t * bx, py - t * by);
}

/** How far the farthest original point lies from the simplified line (each point against the kept segment spanning it). */
function worstDeviation(original: RoutePoint[], kept: RoutePoint[]): number {
  let worst = 0;
  let segment = 0;
  for (const point of original) {
    if (point === kept[segment + 1]) segment++;
    const a = kept[segment]!;
    const b = kept[Math.min(segment + 1, kept.length - 1)]!;
    worst = Math.max(worst, distanceToSegment(point, a, b));
  }
  return worst;
}

const lineOf = (file: string): RoutePoint[] => loadTrack(file).map((point) => [point.lat, point.lng]);

describe("simplifyRoute", () => {
  it.each([
    "wt-garmin-connect-run-3k.gpx",
    "togeojson-strava-run-1hz-gap.gpx",
    "georust-garmin-casual-stroll-12.8k.gpx",
  ])("%s: keeps the ends, stays within the tolerance of every fix, and drops most points", (file) => {
    const line = lineOf(file);
    const kept = simplifyLine(line);
    expect(kept[0]).toBe(line[0]);
    expect(kept.at(-1)).toBe(line.at(-1));
    expect(worstDeviation(line, kept)).toBeLessThanOrEqual(ROUTE_TOLERANCE + 1e-6);
    expect(kept.length).toBeLessThan(line.length * 0.7);
  });

  it("keeps more points for a smaller tolerance", () => {
    const line = lineOf("togeojson-strava-run-1hz-gap.gpx");
    expect(simplifyLine(line, meters(0.5)).length).toBeGreaterThan(simplifyLine(line, meters(5)).length);
  });

  it("reduces a straight run to its two ends, and leaves short lines alone", () => {
    const straight: RoutePoint[] = Array.from({ length: 50 }, (_, i) => [37.5 + i * 1e-5, 127 + i * 1e-5]);
    expect(simplifyLine(straight)).toEqual([straight[0], straight[49]]);
    const two: RoutePoint[] = [
      [37.5, 127],
      [37.6, 127.1],
    ];
    expect(simplifyLine(two)).toEqual(two);
    expect(simplifyLine([])).toEqual([]);
  });

  it("simplifies each polyline on its own, so gaps stay gaps", () => {
    const a: RoutePoint[] = Array.from({ length: 10 }, (_, i) => [37.5 + i * 1e-5, 127]);
    const b: RoutePoint[] = Array.from({ length: 10 }, (_, i) => [37.6 + i * 1e-5, 127]);
    expect(simplifyRoute([a, b])).toEqual([
      [a[0], a[9]],
      [b[0], b[9]],
    ]);
  });
});
