/**
 * Whether the runner stood still during a step, judged on the smoothed track (docs/record.md, "Stops").
 * Slow movement is movement: a hiker climbing at 0.3–0.5 m/s must keep both distance and moving time; only
 * what the fixes cannot tell from standing still is a stop.
 */
import { haversineDistance, type LatLng } from "../geo/distance";
import type { TrackPoint } from "../geo/track-point";
import {
  DENSE_CADENCE_SECONDS,
  SLOWDOWN_FRACTION,
  STOP_PATH_FACTOR,
  STOP_SPEED_MPS,
  STOP_WANDER_SECONDS,
  STOP_WINDOW_SECONDS,
  UNRECORDED_CONTEXT_STEPS,
  WALK_SPEED_MPS,
} from "./thresholds";
import { median } from "./unrecorded";

const seconds = (a: TrackPoint, b: TrackPoint) => (b.ts - a.ts) / 1000;

/**
 * The slowest speed the fixes around a step can tell from standing still: a stationary receiver's fixes wander
 * by about their accuracy radius within STOP_WANDER_SECONDS, so a phone reporting 8 m cannot resolve a crawl
 * below 0.5 m/s, while fixes reporting no accuracy (watches, exports: already filtered by the device) are
 * trusted down to STOP_SPEED_MPS.
 */
function crawlSpeed(kept: readonly TrackPoint[], lo: number, hi: number): number {
  let worst = 0;
  for (let k = lo; k <= hi; k++) worst = Math.max(worst, kept[k]!.accuracy ?? 0);
  return Math.max(STOP_SPEED_MPS, worst / STOP_WANDER_SECONDS);
}

const stepSpeed = (kept: readonly TrackPoint[], smoothed: readonly LatLng[], i: number) =>
  haversineDistance(smoothed[i - 1]!, smoothed[i]!) / seconds(kept[i - 1]!, kept[i]!);

/** The median speeds of the steps before and after step i within its segment (NaN for a side with none). */
function speedsAround(kept: readonly TrackPoint[], smoothed: readonly LatLng[], i: number, bounds: { start: number; end: number }) {
  const before: number[] = [];
  const after: number[] = [];
  for (let j = Math.max(bounds.start + 1, i - UNRECORDED_CONTEXT_STEPS); j < i; j++) before.push(stepSpeed(kept, smoothed, j));
  for (let j = i + 1; j <= Math.min(bounds.end, i + UNRECORDED_CONTEXT_STEPS); j++) after.push(stepSpeed(kept, smoothed, j));
  return { before: median(before), after: median(after) };
}

/**
 * Step i runs from kept[i-1] to kept[i]; `bounds` are the first and last fix of its segment (no window
 * reaches across a jump, a pause or a hole). A step is stopped when:
 * - it is a dense step (fixes every second or two) whose own smoothed speed is below the crawl: at 1 Hz the
 *   smoother averages several fixes into each position, so such a step is standing (this catches a stop's
 *   first and last seconds, which the window below blurs with the running either side); a sparse step of a
 *   few seconds has no such averaging, and a climb's 5 s step of 1.5 m is within its fixes' noise;
 * - it is longer than the window (a sparse fix, or a hole) and either slower than the crawl or slower than a
 *   walk while the steps both before and after it move at least 1/SLOWDOWN_FRACTION times faster: a
 *   recorder that fixes on movement (My Tracks, smart recording) goes quiet when the runner stands, leaving
 *   one long step of drift between fast ones, while a climb's slow steps have slow steps on one side at least;
 * - otherwise, when both the net displacement and the path length over the ±STOP_WINDOW_SECONDS window are
 *   slower than the crawl: net displacement alone would call a U-turn a stop; path length alone would count
 *   the wander the smoother leaves.
 */
export function isStopped(kept: readonly TrackPoint[], smoothed: readonly LatLng[], i: number, bounds: { start: number; end: number }): boolean {
  const own = seconds(kept[i - 1]!, kept[i]!);
  const ownSpeed = stepSpeed(kept, smoothed, i);
  if (own <= DENSE_CADENCE_SECONDS && ownSpeed < crawlSpeed(kept, i - 1, i)) return true;
  if (own >= 2 * STOP_WINDOW_SECONDS) {
    if (ownSpeed < crawlSpeed(kept, i - 1, i)) return true;
    const { before, after } = speedsAround(kept, smoothed, i, bounds);
    // NaN (no neighbour on a side) compares false: a segment's first or last step is judged on the crawl alone.
    return ownSpeed < WALK_SPEED_MPS && ownSpeed < SLOWDOWN_FRACTION * before && ownSpeed < SLOWDOWN_FRACTION * after;
  }
  let lo = i - 1;
  while (lo > bounds.start && kept[i - 1]!.ts - kept[lo - 1]!.ts <= STOP_WINDOW_SECONDS * 1000) lo--;
  let hi = i;
  while (hi < bounds.end && kept[hi + 1]!.ts - kept[i]!.ts <= STOP_WINDOW_SECONDS * 1000) hi++;
  const span = seconds(kept[lo]!, kept[hi]!);
  const crawl = crawlSpeed(kept, lo, hi);
  if (haversineDistance(smoothed[lo]!, smoothed[hi]!) / span >= crawl) return false;
  let path = 0;
  for (let k = lo + 1; k <= hi; k++) path += haversineDistance(smoothed[k - 1]!, smoothed[k]!);
  return path / span < STOP_PATH_FACTOR * crawl;
}
