/**
 * The drawn route of a run, simplified with Douglas–Peucker (simplify-js) so that no recorded fix lies more
 * than `ROUTE_TOLERANCE` from the line kept. An hour at one fix a second is 3,600 points; most add nothing a
 * map can show, yet every view of the run parsed them all from the stored record. The tolerance is below a
 * phone's GPS accuracy (3–10 m outdoors), so what is removed is shape the fixes never resolved. The raw
 * points stay in the point store (GPX export reads them); this is only the record's picture of the route.
 */
import simplify from "simplify-js";
import { EARTH_MEAN_RADIUS } from "./distance";
import { meters, type Meters } from "./units";

export type RoutePoint = [lat: number, lng: number];

export const ROUTE_TOLERANCE = meters(2);

interface Projected {
  x: number;
  y: number;
  point: RoutePoint;
}

/**
 * One polyline, simplified. Points are projected to metres on a plane tangent at the line's first point
 * (equirectangular: over a run's few kilometres its error is far below the tolerance), so the tolerance is a
 * distance on the ground whatever the latitude.
 */
export function simplifyLine(line: readonly RoutePoint[], tolerance: Meters = ROUTE_TOLERANCE): RoutePoint[] {
  const origin = line[0];
  if (!origin || line.length < 3) return [...line];
  const radiansPerDegree = Math.PI / 180;
  const metresPerDegreeLat = EARTH_MEAN_RADIUS * radiansPerDegree;
  const metresPerDegreeLng = metresPerDegreeLat * Math.cos(origin[0] * radiansPerDegree);
  const projected: Projected[] = line.map((point) => ({
    x: (point[1] - origin[1]) * metresPerDegreeLng,
    y: (point[0] - origin[0]) * metresPerDegreeLat,
    point,
  }));
  // highQuality: Douglas–Peucker alone, whose result is bounded by the tolerance (the radial pre-pass is not needed at these sizes).
  return (simplify(projected, tolerance, true) as Projected[]).map((kept) => kept.point);
}

/** Every polyline of a route (the gaps between them stay gaps). */
export function simplifyRoute(route: readonly (readonly RoutePoint[])[], tolerance: Meters = ROUTE_TOLERANCE): RoutePoint[][] {
  return route.map((line) => simplifyLine(line, tolerance));
}
