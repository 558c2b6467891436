/** The record computation as it was before issue 15 (commit ba6bcfa), frozen so `npm run bench:accuracy` can print before and after. Not used by the app. */
/**
 * A run's record from its stored points: the same points in any order, with any duplicates, give the
 * identical record (see clean-track.ts for what counts). Shared by the server (the stored record) and the
 * browser (the live view), so both show the same numbers.
 */
import type { TrackPoint } from "@/domain/geo/track-point";
import type { CourseStep } from "@/domain/coaching/schedule";
import { activeSecondsAt, type PauseInterval } from "@/domain/run/run-clock";
import { cleanTrack, type TrackStep } from "./clean-track";
import { elevationProfile, type ProfileSample } from "@/domain/geo/elevation-profile";
import { simplifyRoute } from "@/domain/geo/simplify-route";
import { elevationGain } from "@/domain/record/elevation";
import {
  DEFAULT_WEIGHT_KG,
  KCAL_PER_KG_KM_RUNNING,
  KCAL_PER_KG_KM_WALKING,
  RUNNING_SPEED_MPS,
} from "./thresholds";

export interface Split {
  /** 1-based kilometre number. */
  km: number;
  /** Metres in this split: 1000 except for the last, partial one. */
  meters: number;
  movingSeconds: number;
  paceSecondsPerKm: number;
}

export interface StepResult {
  index: number;
  type: CourseStep["type"];
  plannedSeconds: number;
  meters: number;
  movingSeconds: number;
  paceSecondsPerKm: number | null;
}

export interface RunRecord {
  distanceMeters: number;
  movingSeconds: number;
  elapsedSeconds: number;
  averagePaceSecondsPerKm: number | null;
  elevationGainMeters: number;
  /** An estimate from distance, speed and body weight; labelled as such wherever shown. */
  caloriesEstimate: number;
  splits: Split[];
  steps: StepResult[];
  /** The route as polylines: a new one after every gap (pause, jump, or lost signal), simplified to within
   * 2 m of the fixes (simplify-route.ts); the raw points stay in the point store. */
  route: [lat: number, lng: number][][];
  /** Altitude over distance (≤ 200 samples) for the run page's chart, so showing it needs no trip to the
   * point store. Absent from records computed before it was added. */
  elevationProfile?: ProfileSample[];
  pointCount: number;
  /** What the filter set aside. Duplicates are not counted here: they say how points arrived, not how the
   * run went, and the record must not depend on arrival. */
  filtered: { warmUp: number; inaccurate: number; spikes: number; jumps: number; stoppedSeconds: number };
}

export interface RecordInput {
  points: readonly TrackPoint[];
  startedAt?: number;
  finishedAt?: number | null;
  pauses?: readonly PauseInterval[];
  /** The course's steps, for per-step results (walk/run intervals). */
  courseSteps?: readonly CourseStep[];
  weightKg?: number;
}

const pace = (meters: number, seconds: number) => (meters > 0 ? (seconds / meters) * 1000 : null);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function splitsOf(counted: TrackStep[]): Split[] {
  const splits: Split[] = [];
  let meters = 0;
  let seconds = 0;
  for (const step of counted) {
    let stepMeters = step.meters;
    let stepSeconds = step.seconds;
    // A step may cross one or more kilometre marks: cut it proportionally.
    while (meters + stepMeters >= 1000) {
      const part = 1000 - meters;
      const partSeconds = stepMeters > 0 ? (stepSeconds * part) / stepMeters : 0;
      seconds += partSeconds;
      splits.push({ km: splits.length + 1, meters: 1000, movingSeconds: round(seconds), paceSecondsPerKm: round(seconds) });
      stepMeters -= part;
      stepSeconds -= partSeconds;
      meters = 0;
      seconds = 0;
    }
    meters += stepMeters;
    seconds += stepSeconds;
  }
  if (meters >= 1) {
    splits.push({ km: splits.length + 1, meters: round(meters), movingSeconds: round(seconds), paceSecondsPerKm: round((seconds / meters) * 1000) });
  }
  return splits;
}

function stepResultsOf(counted: TrackStep[], input: RecordInput): StepResult[] {
  const courseSteps = input.courseSteps ?? [];
  if (courseSteps.length === 0 || input.startedAt === undefined) return [];
  const bounds: number[] = [];
  let end = 0;
  for (const step of courseSteps) bounds.push((end += step.durationSeconds));
  const results = courseSteps.map((step, index) => ({ index, type: step.type, plannedSeconds: step.durationSeconds, meters: 0, movingSeconds: 0 }));
  const timing = { startedAt: input.startedAt, pauses: input.pauses ?? [], finishedAt: input.finishedAt ?? null };
  for (const step of counted) {
    // A GPS step belongs to the course step in which its midpoint falls (in active running time).
    const middle = activeSecondsAt(timing, (step.from.ts + step.to.ts) / 2);
    const index = bounds.findIndex((bound) => middle < bound);
    const result = results[index === -1 ? results.length - 1 : index]!;
    result.meters += step.meters;
    result.movingSeconds += step.seconds;
  }
  return results.map((r) => ({ ...r, meters: round(r.meters), movingSeconds: round(r.movingSeconds), paceSecondsPerKm: r.meters > 0 ? round(pace(r.meters, r.movingSeconds)!) : null }));
}

export function computeRecord(input: RecordInput): RunRecord {
  const track = cleanTrack(input.points, { startedAt: input.startedAt, pauses: input.pauses ?? [] });
  const counted = track.steps.filter((step) => step.kind === "moving");
  const distance = counted.reduce((sum, step) => sum + step.meters, 0);
  const moving = counted.reduce((sum, step) => sum + step.seconds, 0);
  const first = track.points[0];
  const last = track.points.at(-1);
  const start = input.startedAt ?? first?.ts ?? 0;
  const finish = input.finishedAt ?? last?.ts ?? start;
  const pausedSeconds = (input.pauses ?? []).reduce(
    (sum, pause) => sum + Math.max(0, Math.min(pause.resumedAt ?? finish, finish) - pause.at) / 1000,
    0,
  );
  const weight = input.weightKg ?? DEFAULT_WEIGHT_KG;
  const calories = counted.reduce((sum, step) => {
    const perKgKm = step.seconds > 0 && step.meters / step.seconds >= RUNNING_SPEED_MPS ? KCAL_PER_KG_KM_RUNNING : KCAL_PER_KG_KM_WALKING;
    return sum + (perKgKm * weight * step.meters) / 1000;
  }, 0);

  const route: [number, number][][] = [];
  let line: [number, number][] = first ? [[first.lat, first.lng]] : [];
  for (const step of track.steps) {
    if (step.gap) {
      if (line.length > 1) route.push(line);
      line = [];
      line.push([step.to.lat, step.to.lng]);
    } else {
      line.push([step.to.lat, step.to.lng]);
    }
  }
  if (line.length > 1) route.push(line);

  return {
    distanceMeters: round(distance),
    movingSeconds: round(moving),
    elapsedSeconds: round(Math.max(0, (finish - start) / 1000 - pausedSeconds)),
    averagePaceSecondsPerKm: distance > 0 ? round(pace(distance, moving)!) : null,
    elevationGainMeters: round(elevationGain(track.points)),
    caloriesEstimate: Math.round(calories),
    splits: splitsOf(counted),
    steps: stepResultsOf(counted, input),
    route: simplifyRoute(route),
    elevationProfile: elevationProfile(track.points),
    pointCount: track.points.length + track.dropped.warmUp + track.dropped.inaccurate + track.dropped.spikes,
    filtered: {
      warmUp: track.dropped.warmUp,
      inaccurate: track.dropped.inaccurate,
      spikes: track.dropped.spikes,
      jumps: track.steps.filter((step) => step.kind === "jump").length,
      stoppedSeconds: round(track.steps.filter((step) => step.kind === "stopped").reduce((sum, step) => sum + step.seconds, 0)),
    },
  };
}
