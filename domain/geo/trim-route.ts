/**
 * Home privacy: cuts the first and last N metres off a route so that where a runner starts and finishes
 * (usually home) is not shown to others. Distance is measured along the drawn polylines (gaps between them
 * are not counted, which only ever trims more); the cut falls inside a segment, at an interpolated point.
 */
import { haversineDistance } from "./distance";
import { meters, type Meters } from "./units";

export type RoutePoint = [lat: number, lng: number];
export type Route = RoutePoint[][];

export const HOME_PRIVACY_DISTANCE = meters(200);

const segmentLength = (a: RoutePoint, b: RoutePoint) => haversineDistance({ lat: a[0], lng: a[1] }, { lat: b[0], lng: b[1] });

/** The point `fraction` of the way from a to b (linear in degrees: segments are a few metres long). */
function interpolate(a: RoutePoint, b: RoutePoint, fraction: number): RoutePoint {
  return [a[0] + (b[0] - a[0]) * fraction, a[1] + (b[1] - a[1]) * fraction];
}

/** Drops the first `distance` metres of the route, cutting inside the segment where that mark falls. */
function trimStart(route: Route, distance: Meters): Route {
  let remaining: number = distance;
  const out: Route = [];
  for (const line of route) {
    if (remaining <= 0) {
      out.push(line);
      continue;
    }
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1]!;
      const b = line[i]!;
      const length = segmentLength(a, b);
      if (length > remaining) {
        const start = interpolate(a, b, remaining / length);
        out.push([start, ...line.slice(i)]);
        remaining = 0;
        break;
      }
      remaining -= length;
    }
    // A polyline no longer than what was left to trim is dropped whole.
  }
  return out;
}

const reverseRoute = (route: Route): Route => route.map((line) => [...line].reverse()).reverse();

/**
 * The route without its first and last `distance` metres (default 200 m). A route no longer than twice
 * that comes back empty; polylines that fall wholly inside a trimmed end are dropped.
 */
export function trimRouteEnds(route: Route, distance: Meters = HOME_PRIVACY_DISTANCE): Route {
  if (distance <= 0) return route.filter((line) => line.length > 1);
  const trimmed = reverseRoute(trimStart(reverseRoute(trimStart(route, distance)), distance));
  return trimmed.filter((line) => line.length > 1);
}

export type Bridge = [from: RoutePoint, to: RoutePoint];

/**
 * The bridges (straight lines across stretches with no fixes) whose both ends are still points of the trimmed
 * route: a bridge reaching into a trimmed end would show what trimming hides. A bridge joins the last point of
 * one polyline to the first of the next, and trimming keeps untouched points exactly.
 */
export function bridgesOnRoute(bridges: readonly Bridge[], route: Route): Bridge[] {
  const kept = new Set(route.flatMap((line) => line.map(([lat, lng]) => `${lat},${lng}`)));
  return bridges.filter(([from, to]) => kept.has(`${from[0]},${from[1]}`) && kept.has(`${to[0]},${to[1]}`));
}
