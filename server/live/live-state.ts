/**
 * What followers see of a live run, folded one uploaded batch at a time. Pure: the live consumer keeps the
 * state in Redis between batches (any member of its group may get the run's partition next), the tests fold
 * batches by hand.
 *
 * Distance and pace come from the run screen's own filter over a sliding tail (live-track.ts, the record's
 * filter), so a follower sees the number the runner sees. The route is what followers may see: with home
 * privacy on, no fix within `HOME_PRIVACY_DISTANCE` of the run's first fix, nor in the first 200 m along the
 * route, is ever added (a runner looping past home stays hidden there too); the finish end is hidden by the
 * stored record's trimming, which replaces the live route when the run ends. The route is thinned as it grows
 * (a point every `MIN_STEP_METERS`, a new line after a gap) and simplified once it passes `MAX_ROUTE_POINTS`, so
 * a snapshot stays small whatever the run's length.
 */
import type { CourseStep } from "@/domain/coaching/schedule";
import { mergeRoute, type LiveStats, type LiveUpdate } from "@/domain/live/live-route";
import { currentPace } from "@/domain/record/current-pace";
import { addFix, EMPTY_TRACK, type LiveTrack } from "@/domain/record/live-track";
export type { LiveStats, LiveUpdate };
import { haversineDistance } from "@/domain/geo/distance";
import { simplifyRoute } from "@/domain/geo/simplify-route";
import type { TrackPoint } from "@/domain/geo/track-point";
import { HOME_PRIVACY_DISTANCE, type RoutePoint } from "@/domain/geo/trim-route";
import { meters } from "@/domain/geo/units";
import { GAP_MIN_SECONDS } from "@/domain/record/thresholds";
import { activeSecondsAt, positionAt, type PauseInterval } from "@/domain/run/run-clock";

/** A shown point closer than this to the last shown one adds nothing a follower's map can draw. */
export const MIN_STEP_METERS = 5;
/** Above this many shown points the route is simplified (coarser), so state and snapshots stay bounded. */
export const MAX_ROUTE_POINTS = 2_000;
const COARSE_TOLERANCE_METERS = 8;

/** What the consumer knows of the run from PostgreSQL. */
export interface LiveRunInfo {
  startedAt: number;
  pauses: readonly PauseInterval[];
  finishedAt: number | null;
  steps: readonly CourseStep[];
  hideRouteEnds: boolean;
}

export interface LiveRunState {
  /** Number of the last event emitted for the run (the SSE id). */
  seq: number;
  track: LiveTrack;
  /** The run's first fix: never sent, only compared against (home privacy). */
  home: RoutePoint | null;
  /** Distance along the fixes from `home`, until home privacy is past. */
  metersFromHome: number;
  route: RoutePoint[][];
  lastShownTs: number | null;
  lastFixTs: number | null;
  stats: LiveStats | null;
}

export const EMPTY_LIVE_STATE: LiveRunState = {
  seq: 0,
  track: EMPTY_TRACK,
  home: null,
  metersFromHome: 0,
  route: [],
  lastShownTs: null,
  lastFixTs: null,
  stats: null,
};

const distanceBetween = (a: RoutePoint, b: RoutePoint) => haversineDistance({ lat: a[0], lng: a[1] }, { lat: b[0], lng: b[1] });

/** Whether a fix may be shown to followers: home privacy keeps the run's start and its surroundings hidden. */
export function shownToFollowers(point: RoutePoint, home: RoutePoint, metersFromHome: number, hideRouteEnds: boolean): boolean {
  if (!hideRouteEnds) return true;
  return metersFromHome >= HOME_PRIVACY_DISTANCE && distanceBetween(point, home) >= HOME_PRIVACY_DISTANCE;
}

function statsAt(track: LiveTrack, info: LiveRunInfo, ts: number): LiveStats {
  const timing = { startedAt: info.startedAt, pauses: info.pauses, finishedAt: info.finishedAt };
  const elapsedSeconds = activeSecondsAt(timing, ts);
  const position = positionAt(info.steps, elapsedSeconds);
  const current = info.steps[position.stepIndex];
  return {
    distanceMeters: track.distanceMeters,
    paceSecondsPerKm: currentPace(track.recentSteps),
    elapsedSeconds,
    step: { index: position.stepIndex, count: info.steps.length, type: current?.type ?? null, secondsLeft: position.secondsLeftInStep },
    lastFixAt: ts,
    paused: info.pauses.some((pause) => pause.at <= ts && (pause.resumedAt === null || pause.resumedAt > ts)),
  };
}

const countPoints = (route: readonly RoutePoint[][]) => route.reduce((sum, line) => sum + line.length, 0);

/**
 * The state after one batch, and the event to send followers (null when the batch held nothing newer than
 * what was already folded: a redelivery or a late batch, which the record takes care of).
 */
export function foldBatch(state: LiveRunState, points: readonly TrackPoint[], info: LiveRunInfo): { state: LiveRunState; update: LiveUpdate | null } {
  const fresh = [...points].sort((a, b) => a.ts - b.ts).filter((p, i, all) => (state.lastFixTs === null || p.ts > state.lastFixTs) && (i === 0 || p.ts > all[i - 1]!.ts));
  if (fresh.length === 0) return { state, update: null };

  let { track, home, metersFromHome, lastShownTs } = state;
  let route = state.route;
  const timing = { startedAt: info.startedAt, pauses: info.pauses };
  const append: RoutePoint[][] = [];
  let continues = false;
  const lastFix = state.track.tail.at(-1);
  let previous: RoutePoint | null = lastFix ? [lastFix.lat, lastFix.lng] : null;

  for (const point of fresh) {
    track = addFix(track, point, timing);
    const here: RoutePoint = [point.lat, point.lng];
    if (home === null) home = here;
    if (previous !== null && metersFromHome < HOME_PRIVACY_DISTANCE) metersFromHome += distanceBetween(previous, here);
    previous = here;
    if (!shownToFollowers(here, home, metersFromHome, info.hideRouteEnds)) continue;

    const lastLine = append.at(-1) ?? route.at(-1);
    const last = lastLine?.at(-1);
    // A phone records about every second: 30 s without a shown fix breaks the live line (the stored record decides holes and bridges with the whole track).
    const gap = lastShownTs === null || point.ts - lastShownTs > GAP_MIN_SECONDS * 1000;
    if (!lastLine || !last || gap) {
      append.push([here]);
    } else if (distanceBetween(last, here) < MIN_STEP_METERS) {
      continue;
    } else if (append.length === 0) {
      append.push([here]);
      continues = true;
    } else {
      append.at(-1)!.push(here);
    }
    lastShownTs = point.ts;
  }

  const newest = fresh.at(-1)!;
  const stats = statsAt(track, info, newest.ts);
  route = mergeRoute(route, append, continues);
  let replace = false;
  if (countPoints(route) > MAX_ROUTE_POINTS) {
    route = simplifyRoute(route, meters(COARSE_TOLERANCE_METERS));
    replace = true;
  }
  const seq = state.seq + 1;
  return {
    state: { seq, track, home, metersFromHome, route, lastShownTs, lastFixTs: newest.ts, stats },
    update: { seq, append: replace ? route : append, continues: replace ? false : continues, replace, stats },
  };
}
