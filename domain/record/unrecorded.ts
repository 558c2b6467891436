/**
 * Stretches with no fixes while the run went on (a tunnel, a locked screen, lost sky): a step much longer than
 * the track's own spacing around it. Time alone cannot say it: a watch's smart recording spaces fixes up to
 * 60 s apart by design (a fix when the heading turns, or once a minute), and that is its cadence, not a hole;
 * a phone fixing every second that then falls silent for 30 s has lost its fixes. docs/record.md.
 */
import type { TrackPoint } from "../geo/track-point";
import {
  DENSE_CADENCE_SECONDS,
  GAP_CADENCE_FACTOR,
  GAP_MAX_SECONDS,
  GAP_MIN_SECONDS,
  SPARSE_GAP_MIN_SECONDS,
  UNRECORDED_CONTEXT_STEPS,
} from "./thresholds";

const seconds = (a: TrackPoint, b: TrackPoint) => (b.ts - a.ts) / 1000;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!;
}

/** The median duration of the steps around step i (up to UNRECORDED_CONTEXT_STEPS either side, not i itself). */
export function cadenceAround(kept: readonly TrackPoint[], i: number): number {
  const around: number[] = [];
  const last = Math.min(kept.length - 1, i + UNRECORDED_CONTEXT_STEPS);
  for (let j = Math.max(1, i - UNRECORDED_CONTEXT_STEPS); j <= last; j++) if (j !== i) around.push(seconds(kept[j - 1]!, kept[j]!));
  return around.length > 0 ? median(around) : 1;
}

/**
 * The steps (by the index of their end fix) with fixes missing: longer than GAP_CADENCE_FACTOR times the
 * cadence around them and than GAP_MIN_SECONDS (a dense recorder) or SPARSE_GAP_MIN_SECONDS (a sparse one);
 * any step over GAP_MAX_SECONDS.
 */
export function unrecordedSteps(kept: readonly TrackPoint[]): Set<number> {
  const found = new Set<number>();
  for (let i = 1; i < kept.length; i++) {
    const own = seconds(kept[i - 1]!, kept[i]!);
    if (own <= GAP_MIN_SECONDS) continue;
    if (own > GAP_MAX_SECONDS) {
      found.add(i);
      continue;
    }
    const cadence = cadenceAround(kept, i);
    const floor = cadence <= DENSE_CADENCE_SECONDS ? GAP_MIN_SECONDS : SPARSE_GAP_MIN_SECONDS;
    if (own > floor && own > GAP_CADENCE_FACTOR * cadence) found.add(i);
  }
  return found;
}
