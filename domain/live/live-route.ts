/**
 * What a live run's followers are sent, shared by the server's fold (server/live/live-state.ts) and the
 * follower's page, so both build the route the same way from the same events.
 */
import type { StepType } from "../coaching/step-types";
import type { RoutePoint } from "../geo/trim-route";

/** The numbers a follower's page shows. */
export interface LiveStats {
  distanceMeters: number;
  /** Seconds per km over the last half minute; null when too little to tell. */
  paceSecondsPerKm: number | null;
  /** Active (unpaused) seconds at the last fix. */
  elapsedSeconds: number;
  /** The course step in progress at the last fix; index = count once the course is over. */
  step: { index: number; count: number; type: StepType | null; secondsLeft: number };
  lastFixAt: number;
  paused: boolean;
}

/** One event on a run's stream: the route appended since the previous event, and the numbers now. */
export interface LiveUpdate {
  seq: number;
  /** New lines; when `continues`, the first one extends the route's last line. */
  append: RoutePoint[][];
  continues: boolean;
  /** The whole route replaced (after simplification): a follower redraws rather than appends. */
  replace: boolean;
  stats: LiveStats;
}

/** What a follower is sent on connecting (or when too far behind to resume). */
export interface LiveSnapshot {
  seq: number;
  route: RoutePoint[][];
  stats: LiveStats | null;
  finished: boolean;
}

/** The route with an update's lines added (what a follower does with each event). */
export function mergeRoute(route: readonly RoutePoint[][], append: readonly RoutePoint[][], continues: boolean): RoutePoint[][] {
  if (append.length === 0) return route as RoutePoint[][];
  if (!continues || route.length === 0) return [...route, ...append.map((line) => [...line])];
  const [first, ...rest] = append;
  return [...route.slice(0, -1), [...route.at(-1)!, ...first!], ...rest.map((line) => [...line])];
}

/** The route a follower holds after one update. */
export function applyUpdate(route: readonly RoutePoint[][], update: Pick<LiveUpdate, "append" | "continues" | "replace">): RoutePoint[][] {
  return update.replace ? update.append : mergeRoute(route, update.append, update.continues);
}
