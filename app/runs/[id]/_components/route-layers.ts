/**
 * What the tile map draws of a route, in map coordinates: one line per recorded segment (a gap, where the
 * phone could not record, is the break between two lines, as on the SVG), the start and the finish. Kept
 * apart from Leaflet so it can be tested, and so a new kind of line (say, a bridged gap drawn dashed) is a
 * new `kind` here and a style in leaflet-route-map.ts.
 */
import type { LatLngPair } from "./route-projection";

/** A recorded stretch, or a bridge: the straight line counted across a hole in the recording (domain/record), dashed. */
export type RouteLineKind = "recorded" | "bridge";

export interface RouteLine {
  kind: RouteLineKind;
  points: LatLngPair[];
}

export interface RouteLayers {
  lines: RouteLine[];
  start: LatLngPair;
  finish: LatLngPair;
  /** South-west and north-east corners of everything drawn: what the map is fitted to. */
  bounds: [LatLngPair, LatLngPair];
}

export function routeLayers(
  route: readonly LatLngPair[][],
  bridges: readonly (readonly [LatLngPair, LatLngPair])[] = [],
): RouteLayers | null {
  const recorded = route.filter((segment) => segment.length > 0).map((points): RouteLine => ({ kind: "recorded", points }));
  const start = recorded[0]?.points[0];
  const finish = recorded.at(-1)?.points.at(-1);
  // Bridges under the recorded lines, which are drawn after them.
  const lines = [...bridges.map(([from, to]): RouteLine => ({ kind: "bridge", points: [from, to] })), ...recorded];
  if (!start || !finish) return null;
  let [south, west, north, east] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { points } of lines) {
    for (const [lat, lng] of points) {
      if (lat < south) south = lat;
      if (lat > north) north = lat;
      if (lng < west) west = lng;
      if (lng > east) east = lng;
    }
  }
  return { lines, start, finish, bounds: [[south, west], [north, east]] };
}
