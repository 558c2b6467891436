/**
 * What the run screen shows about the fixes recorded so far — how many, how far, how fast now — counted by
 * the same filter the server's record uses (domain/record/clean-track.ts), so the live distance is the one
 * the runner later finds in history, warm-up, jumps and stops included.
 *
 * A fix must not cost a pass over the whole run, so the filter runs over a sliding tail: steps older than
 * `SETTLE_AFTER_MS` can no longer change (the filter looks a few seconds and a few fixes around a step), so their
 * distance is settled into a running total and only a few seconds of already-kept fixes stay as context.
 * Pure: the run screen keeps it in sessionStorage (app/courses/[slug]/run/_lib/live-track.ts), and the live
 * runs' fan-out folds followers' distance with it (server/live/live-state.ts), so both show the same number.
 */
import type { TrackPoint } from "@/domain/geo/track-point";
import { cleanTrack, type TrackStep, type TrackTiming } from "./clean-track";
import { PACE_WINDOW_MS } from "./current-pace";
import { SETTLED_CONTEXT_SECONDS } from "./thresholds";

/** Steps ending this long before the newest fix are final: settle them. Must exceed the pace window. */
const SETTLE_AFTER_MS = PACE_WINDOW_MS + 10_000;
/** Settle once the tail spans this much, so settling happens every half minute or so, not every fix. */
const SETTLE_SPAN_MS = 2 * SETTLE_AFTER_MS;
/** Kept fixes before the settled mark that stay as context for the stop window and the smoother. */
const CONTEXT_MS = SETTLED_CONTEXT_SECONDS * 1000;

export interface LiveTrack {
  /** Every fix recorded on this device for the run (what the filter keeps or not). */
  pointCount: number;
  /** Counted distance of the settled steps. */
  settledMeters: number;
  /** Time of the fix where the settled steps end; steps from it on are still open. */
  settledUntil: number | null;
  /** Context before `settledUntil` (fixes the filter kept) and every fix after it, oldest first. */
  tail: TrackPoint[];
  /** Settled plus open counted distance. */
  distanceMeters: number;
  /** The counted steps of the last `PACE_WINDOW_MS`, for the current pace. */
  recentSteps: Pick<TrackStep, "meters" | "seconds">[];
}

export const EMPTY_TRACK: LiveTrack = { pointCount: 0, settledMeters: 0, settledUntil: null, tail: [], distanceMeters: 0, recentSteps: [] };

/**
 * A fix with the same time as the last one is that fix again (Chromium hands a new watch the cached position
 * after a reload): recording it would store a second point at the same instant.
 */
export function isRepeat(track: LiveTrack, point: TrackPoint): boolean {
  return track.tail.at(-1)?.ts === point.ts;
}

const countedMeters = (steps: readonly TrackStep[]) =>
  steps.reduce((sum, step) => sum + (step.kind === "moving" ? step.meters : 0), 0);

/** The track with one more fix, filtered with the run's start and pauses as the server will. */
export function addFix(track: LiveTrack, point: TrackPoint, timing: TrackTiming): LiveTrack {
  const tail = [...track.tail, point];
  const { points: kept, steps } = cleanTrack(tail, timing);
  const isOpen = (step: TrackStep) => track.settledUntil === null || step.from.ts >= track.settledUntil;
  let open = steps.filter(isOpen);
  let { settledMeters, settledUntil } = track;
  let nextTail = tail;

  const newest = point.ts;
  if (tail.length > 1 && newest - tail[0]!.ts > SETTLE_SPAN_MS) {
    const final = open.filter((step) => step.to.ts <= newest - SETTLE_AFTER_MS);
    const mark = final.at(-1)?.to.ts;
    if (mark !== undefined) {
      settledMeters += countedMeters(final);
      settledUntil = mark;
      open = open.filter((step) => step.from.ts >= mark);
      // Context: only fixes the filter kept (a dropped fix must not become a step's start later).
      const context = kept.filter((p) => p.ts >= mark - CONTEXT_MS && p.ts <= mark);
      nextTail = [...context, ...tail.filter((p) => p.ts > mark)];
    }
  }

  const recentSteps = steps
    .filter((step) => step.kind === "moving" && step.to.ts > newest - PACE_WINDOW_MS)
    .map(({ meters, seconds }) => ({ meters, seconds }));
  return {
    pointCount: track.pointCount + 1,
    settledMeters,
    settledUntil,
    tail: nextTail,
    distanceMeters: settledMeters + countedMeters(open),
    recentSteps,
  };
}
