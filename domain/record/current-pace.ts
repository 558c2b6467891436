/**
 * The current pace from the steps the record's filter counted over the last stretch (about half a minute),
 * so it follows the runner's speed now rather than the run's average, and a stop or a GPS jump does not
 * show as a sprint.
 */
import type { TrackStep } from "./clean-track";

export const PACE_WINDOW_MS = 30_000;
/** Below this, GPS jitter dominates and a pace would be noise. */
const MIN_PACE_METERS = 10;

/** Seconds per kilometre over the counted steps of the last `PACE_WINDOW_MS`, or null when there is too little to tell. */
export function currentPace(steps: readonly Pick<TrackStep, "meters" | "seconds">[]): number | null {
  let meters = 0;
  let seconds = 0;
  for (const step of steps) {
    meters += step.meters;
    seconds += step.seconds;
  }
  if (meters < MIN_PACE_METERS || seconds <= 0) return null;
  return seconds / (meters / 1000);
}
