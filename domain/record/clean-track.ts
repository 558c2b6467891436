/**
 * Turns raw fixes into the steps that count. Raw points are never changed; this decides, step by step
 * (from one kept fix to the next), whether the runner really moved, and how far (docs/record.md):
 * 1. duplicates (same id) are dropped and points put in time order, so arrival order cannot matter;
 * 2. fixes in the warm-up seconds after the run's start and after each resume are dropped, and so are fixes
 *    with a poor accuracy radius;
 * 3. a single fix that lies impossibly far from both its neighbours (a spike) is dropped;
 * 4. a displacement that is impossibly fast but then continues from its new place (a jump) starts a new
 *    segment: the line across it adds no distance;
 * 5. a step much longer than the track's own spacing around it is a stretch with no fixes (unrecorded): its
 *    straight line counts when its speed is plausible, and the route draws it dashed;
 * 6. each unbroken stretch is smoothed (smooth-track.ts) and distance is measured along the smoothed track;
 * 7. steps inside a stop (the smoothed track moving slower than a crawl: stops.ts) add no distance and no
 *    moving time;
 * 8. steps across a pause of the run add nothing and are drawn as gaps.
 */
import { haversineDistance, type LatLng } from "../geo/distance";
import { compareTrackPoints, type TrackPoint } from "../geo/track-point";
import type { PauseInterval } from "../run/run-clock";
import { smoothSegment } from "./smooth-track";
import { isStopped } from "./stops";
import { MAX_ACCURACY_METERS, MAX_SPEED_MPS, WARM_UP_SECONDS } from "./thresholds";
import { unrecordedSteps } from "./unrecorded";

export type StepKind = "moving" | "stopped" | "jump" | "paused";

export interface TrackStep {
  from: TrackPoint;
  to: TrackPoint;
  /** Where the smoothed track puts `from` and `to`: the step's distance is between these. */
  start: LatLng;
  end: LatLng;
  meters: number;
  seconds: number;
  kind: StepKind;
  /** True when the route should not draw a solid line for this step. */
  gap: boolean;
  /** A stretch with no fixes while the run was not paused (step 5 above): when it counts (kind "moving"),
   * the route draws its straight line dashed. */
  unrecorded: boolean;
}

export interface CleanTrack {
  /** Kept fixes, in time order. */
  points: TrackPoint[];
  /** The smoothed position of each kept fix. */
  smoothed: LatLng[];
  steps: TrackStep[];
  dropped: { duplicates: number; warmUp: number; inaccurate: number; spikes: number };
}

/** When the run was measured: its start and its pauses (each resume restarts the receiver's warm-up). */
export interface TrackTiming {
  startedAt?: number;
  pauses?: readonly PauseInterval[];
}

/**
 * True for a fix taken in the warm-up after the start (or before it: the server accepts a little clock skew)
 * or after a resume.
 */
export function inWarmUp(ts: number, timing: TrackTiming): boolean {
  const warmUp = WARM_UP_SECONDS * 1000;
  if (timing.startedAt !== undefined && ts < timing.startedAt + warmUp) return true;
  return (timing.pauses ?? []).some((pause) => pause.resumedAt !== null && ts >= pause.resumedAt && ts < pause.resumedAt + warmUp);
}

/** Deduplicates by id (first wins: the same id is the same fix) and sorts by time, then id. */
export function orderPoints(points: readonly TrackPoint[]): { ordered: TrackPoint[]; duplicates: number } {
  const byId = new Map<string, TrackPoint>();
  for (const point of points) if (!byId.has(point.id)) byId.set(point.id, point);
  return { ordered: [...byId.values()].sort(compareTrackPoints), duplicates: points.length - byId.size };
}

const speed = (a: TrackPoint, b: TrackPoint) => {
  const seconds = (b.ts - a.ts) / 1000;
  return seconds > 0 ? haversineDistance(a, b) / seconds : Number.POSITIVE_INFINITY;
};

/** Drops warm-up fixes, inaccurate fixes and spikes; returns the kept fixes and which kept fix starts after a jump. */
function keepPlausibleFixes(ordered: TrackPoint[], timing: TrackTiming) {
  const warm = ordered.filter((p) => !inWarmUp(p.ts, timing));
  const accurate = warm.filter((p) => p.accuracy === null || p.accuracy <= MAX_ACCURACY_METERS);
  const kept: TrackPoint[] = [];
  const jumpsBefore = new Set<number>();
  let spikes = 0;
  for (let i = 0; i < accurate.length; i++) {
    const point = accurate[i]!;
    const last = kept.at(-1);
    if (!last) {
      kept.push(point);
      continue;
    }
    if (point.ts === last.ts) {
      // Two fixes at one instant: keep the first unless they agree.
      if (haversineDistance(last, point) > 0) spikes++;
      continue;
    }
    if (speed(last, point) <= MAX_SPEED_MPS) {
      kept.push(point);
      continue;
    }
    const next = accurate[i + 1];
    if (next && speed(last, next) <= MAX_SPEED_MPS) {
      spikes++; // far from both neighbours: a spike
      continue;
    }
    jumpsBefore.add(kept.length); // the track really continues from here: count no distance across
    kept.push(point);
  }
  return {
    kept,
    jumpsBefore,
    dropped: { warmUp: ordered.length - warm.length, inaccurate: warm.length - accurate.length, spikes },
  };
}

const seconds = (a: TrackPoint, b: TrackPoint) => (b.ts - a.ts) / 1000;

const insidePause = (a: TrackPoint, b: TrackPoint, pauses: readonly PauseInterval[]) =>
  pauses.some((pause) => pause.at < b.ts && (pause.resumedAt ?? Number.POSITIVE_INFINITY) > a.ts);

export function cleanTrack(points: readonly TrackPoint[], timing: TrackTiming = {}): CleanTrack {
  const pauses = timing.pauses ?? [];
  const { ordered, duplicates } = orderPoints(points);
  const { kept, jumpsBefore, dropped } = keepPlausibleFixes(ordered, timing);
  const unrecorded = unrecordedSteps(kept);

  // Segment bounds per fix, so neither the smoother nor the stop window reaches across a jump, a pause or a
  // stretch with no fixes.
  const breaks = new Set<number>([...jumpsBefore, ...unrecorded]);
  for (let i = 1; i < kept.length; i++) if (insidePause(kept[i - 1]!, kept[i]!, pauses)) breaks.add(i);
  const segmentStart: number[] = [];
  const segmentEnd: number[] = new Array(kept.length);
  let start = 0;
  for (let i = 0; i < kept.length; i++) {
    if (breaks.has(i)) start = i;
    segmentStart.push(start);
  }
  let end = kept.length - 1;
  for (let i = kept.length - 1; i >= 0; i--) {
    segmentEnd[i] = end;
    if (breaks.has(i)) end = i - 1;
  }
  const smoothed: LatLng[] = [];
  for (let i = 0; i < kept.length; i = segmentEnd[i]! + 1) {
    for (const position of smoothSegment(kept.slice(i, segmentEnd[i]! + 1))) smoothed.push(position); // no spread: a long run has 10⁵ fixes
  }

  const steps: TrackStep[] = [];
  for (let i = 1; i < kept.length; i++) {
    const from = kept[i - 1]!;
    const to = kept[i]!;
    let kind: StepKind;
    if (insidePause(from, to, pauses)) kind = "paused";
    else if (jumpsBefore.has(i)) kind = "jump";
    else kind = isStopped(kept, smoothed, i, { start: segmentStart[i]!, end: segmentEnd[i]! }) ? "stopped" : "moving";
    const isUnrecorded = unrecorded.has(i) && kind !== "paused" && kind !== "jump";
    steps.push({
      from,
      to,
      start: smoothed[i - 1]!,
      end: smoothed[i]!,
      meters: haversineDistance(smoothed[i - 1]!, smoothed[i]!),
      seconds: seconds(from, to),
      kind,
      gap: kind === "paused" || kind === "jump" || isUnrecorded,
      unrecorded: isUnrecorded,
    });
  }
  return { points: kept, smoothed, steps, dropped: { duplicates, ...dropped } };
}
