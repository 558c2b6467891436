/**
 * A Kalman filter and Rauch–Tung–Striebel smoother over one unbroken stretch of fixes, so distance is measured
 * along where the runner most likely was rather than along every wobble of the fixes.
 *
 * Model, per axis (east and north, in metres on a plane tangent at the stretch's first fix; the two axes share
 * one covariance, so it is computed once): the state is position and velocity, moving at constant velocity
 * disturbed by white acceleration noise of spectral density SMOOTH_ACCELERATION_NOISE (a runner's turns and
 * changes of pace); each fix measures the position with a standard deviation taken from its reported accuracy
 * radius (or a default when the device reports none). The forward filter gives each fix's estimate from the
 * fixes before it; the backward RTS pass refines it with the fixes after, so the result has no lag and does
 * not depend on the direction of travel. Sparse fixes (tens of seconds apart) have a process noise that grows
 * with the cube of the interval, so the smoother leaves them almost where they are.
 */
import { EARTH_MEAN_RADIUS, type LatLng } from "../geo/distance";
import type { TrackPoint } from "../geo/track-point";
import {
  ACCURACY_TO_SIGMA,
  DEFAULT_ACCURACY_METERS,
  MIN_ACCURACY_METERS,
  SMOOTH_ACCELERATION_NOISE,
} from "./thresholds";

const RADIANS = Math.PI / 180;
/** Prior uncertainty of the first velocity: wide enough to be no prior at all, so a stretch's ends are not
 * pulled towards standing still (that shortened every stretch by a few decimetres). */
const INITIAL_SPEED_SIGMA = 100;

/** The measurement variance (m², per axis) of a fix. */
export function measurementVariance(accuracy: number | null): number {
  const radius = Math.max(MIN_ACCURACY_METERS, accuracy ?? DEFAULT_ACCURACY_METERS);
  return (radius * ACCURACY_TO_SIGMA) ** 2;
}

/** Smoothed positions of `points` (time-ordered, distinct times), one per point. */
export function smoothSegment(points: readonly TrackPoint[]): LatLng[] {
  const n = points.length;
  if (n < 3) return points.map(({ lat, lng }) => ({ lat, lng }));
  const origin = points[0]!;
  const perLat = EARTH_MEAN_RADIUS * RADIANS;
  const perLng = perLat * Math.cos(origin.lat * RADIANS);
  const q = SMOOTH_ACCELERATION_NOISE;

  // Filtered state per axis [x, vx, y, vy], the shared covariance [p00, p01, p11], and the predicted ones.
  const fx = new Float64Array(n);
  const fvx = new Float64Array(n);
  const fy = new Float64Array(n);
  const fvy = new Float64Array(n);
  const f00 = new Float64Array(n);
  const f01 = new Float64Array(n);
  const f11 = new Float64Array(n);
  const p00 = new Float64Array(n);
  const p01 = new Float64Array(n);
  const p11 = new Float64Array(n);

  const east = (p: TrackPoint) => (p.lng - origin.lng) * perLng;
  const north = (p: TrackPoint) => (p.lat - origin.lat) * perLat;

  let x = 0;
  let vx = 0;
  let y = 0;
  let vy = 0;
  let c00 = measurementVariance(origin.accuracy);
  let c01 = 0;
  let c11 = INITIAL_SPEED_SIGMA ** 2;
  fx[0] = x;
  fy[0] = y;
  f00[0] = c00;
  f01[0] = c01;
  f11[0] = c11;
  for (let i = 1; i < n; i++) {
    const dt = (points[i]!.ts - points[i - 1]!.ts) / 1000;
    // Predict: x += v·dt; P = F P Fᵀ + Q.
    x += vx * dt;
    y += vy * dt;
    const a00 = c00 + 2 * dt * c01 + dt * dt * c11 + (q * dt ** 3) / 3;
    const a01 = c01 + dt * c11 + (q * dt ** 2) / 2;
    const a11 = c11 + q * dt;
    p00[i] = a00;
    p01[i] = a01;
    p11[i] = a11;
    // Update with the fix's position.
    const r = measurementVariance(points[i]!.accuracy);
    const s = a00 + r;
    const k0 = a00 / s;
    const k1 = a01 / s;
    const ex = east(points[i]!) - x;
    const ey = north(points[i]!) - y;
    x += k0 * ex;
    vx += k1 * ex;
    y += k0 * ey;
    vy += k1 * ey;
    c00 = (1 - k0) * a00;
    c01 = (1 - k0) * a01;
    c11 = a11 - k1 * a01;
    fx[i] = x;
    fvx[i] = vx;
    fy[i] = y;
    fvy[i] = vy;
    f00[i] = c00;
    f01[i] = c01;
    f11[i] = c11;
  }

  // Backward pass: x̂ᵢ = xᵢ + Cᵢ (x̂ᵢ₊₁ − x⁻ᵢ₊₁), Cᵢ = Pᵢ Fᵀ (P⁻ᵢ₊₁)⁻¹.
  const out: LatLng[] = new Array(n);
  let sx = fx[n - 1]!;
  let svx = fvx[n - 1]!;
  let sy = fy[n - 1]!;
  let svy = fvy[n - 1]!;
  out[n - 1] = { lat: origin.lat + sy / perLat, lng: origin.lng + sx / perLng };
  for (let i = n - 2; i >= 0; i--) {
    const dt = (points[i + 1]!.ts - points[i]!.ts) / 1000;
    const b00 = f00[i]! + dt * f01[i]!; // (P Fᵀ)
    const b01 = f01[i]!;
    const b10 = f01[i]! + dt * f11[i]!;
    const b11 = f11[i]!;
    const det = p00[i + 1]! * p11[i + 1]! - p01[i + 1]! ** 2;
    const i00 = p11[i + 1]! / det;
    const i01 = -p01[i + 1]! / det;
    const i11 = p00[i + 1]! / det;
    const g00 = b00 * i00 + b01 * i01;
    const g01 = b00 * i01 + b01 * i11;
    const g10 = b10 * i00 + b11 * i01;
    const g11 = b10 * i01 + b11 * i11;
    const dx = sx - (fx[i]! + fvx[i]! * dt);
    const dvx = svx - fvx[i]!;
    const dy = sy - (fy[i]! + fvy[i]! * dt);
    const dvy = svy - fvy[i]!;
    sx = fx[i]! + g00 * dx + g01 * dvx;
    svx = fvx[i]! + g10 * dx + g11 * dvx;
    sy = fy[i]! + g00 * dy + g01 * dvy;
    svy = fvy[i]! + g10 * dy + g11 * dvy;
    out[i] = { lat: origin.lat + sy / perLat, lng: origin.lng + sx / perLng };
  }
  return out;
}
