/**
 * Live distance and current pace from the fixes recorded so far. The pace is over the last stretch of
 * fixes (about half a minute), so it follows the runner's speed now rather than the run's average.
 */
import { haversineDistance } from "@/domain/geo/distance";
import type { TrackPoint } from "@/domain/geo/track-point";

export const PACE_WINDOW_MS = 30_000;
/** Below this, GPS jitter dominates and a pace would be noise. */
const MIN_PACE_METERS = 10;

/** Seconds per kilometre over the fixes of the last `PACE_WINDOW_MS`, or null when there is too little to tell. */
export function currentPace(points: readonly TrackPoint[]): number | null {
  const last = points.at(-1);
  if (!last) return null;
  let meters = 0;
  let first = last;
  for (let i = points.length - 1; i > 0; i--) {
    const a = points[i - 1]!;
    if (last.ts - a.ts > PACE_WINDOW_MS) break;
    meters += haversineDistance(a, points[i]!);
    first = a;
  }
  const seconds = (last.ts - first.ts) / 1000;
  if (meters < MIN_PACE_METERS || seconds <= 0) return null;
  return seconds / (meters / 1000);
}

export { formatPace } from "@/app/_lib/format";
