/**
 * Great-circle distances. We use the haversine formula on a sphere with the IUGG mean Earth radius
 * (6,371,008.8 m): it is well conditioned for the few-metre steps between GPS fixes (the spherical law of
 * cosines loses precision there) and differs from the WGS-84 ellipsoid by at most about 0.5 %, typically
 * far less along a run.
 */
import { meters, type Meters } from "./units";

export const EARTH_MEAN_RADIUS = meters(6_371_008.8);

export interface LatLng {
  lat: number;
  lng: number;
}

const toRadians = (deg: number) => (deg * Math.PI) / 180;

/** Haversine distance between two points, in metres. */
export function haversineDistance(a: LatLng, b: LatLng): Meters {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return meters(2 * EARTH_MEAN_RADIUS * Math.asin(Math.min(1, Math.sqrt(h))));
}

/** Sum of the haversine distances between consecutive points (2D: elevation is ignored, as runners' apps do). */
export function pathDistance(points: readonly LatLng[]): Meters {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    total += haversineDistance(points[i - 1]!, points[i]!);
  }
  return meters(total);
}
