/**
 * What waits in the outbox. Every kind carries the `activityId` it belongs to (the `byActivity` index reads
 * it) and its own payload, so a new kind — GPS point batches — is one more member of the union, not a schema
 * change.
 */
import type { TrackPoint } from "@/domain/geo/track-point";
import type { RunEvent } from "@/domain/run/events";

export interface RunEventsItem {
  /** The outbox key, given by IndexedDB when the item is added; key order is upload order. */
  id?: number;
  kind: "run-events";
  activityId: string;
  events: RunEvent[];
  /** Epoch milliseconds when the item was enqueued. */
  createdAt: number;
  /** Failed uploads so far (retryable failures only). */
  attempts: number;
}

/** Up to `MAX_POINTS_PER_UPLOAD` GPS fixes of one run, uploaded with `activities.appendPoints`. */
export interface PointsItem {
  id?: number;
  kind: "points";
  activityId: string;
  points: TrackPoint[];
  createdAt: number;
  attempts: number;
}

/** A fix stored the moment it arrived, not yet packed into a `PointsItem`. */
export interface UnpackedPoint extends TrackPoint {
  activityId: string;
}

/**
 * The most points one `appendPoints` call may carry: the server's `MAX_POINTS_PER_BATCH`
 * (server/activities/schemas.ts, which app code may not import; items.test.ts checks the two agree). A merged
 * upload (flush.ts) and a topped-up item (points.ts) never exceed it, so every item can also go up alone.
 */
export const MAX_POINTS_PER_UPLOAD = 500;

/** The most fixes one packing transaction moves (into a new item or onto the last one), keeping it short. */
export const POINTS_PER_ITEM = 200;

export type OutboxItem = RunEventsItem | PointsItem;
export type OutboxItemKind = OutboxItem["kind"];

/** An item the server refused for good, kept with the reason so nothing a runner recorded is lost. */
export interface RejectedItem {
  id?: number;
  item: OutboxItem;
  /** The error message the upload ended with. */
  error: string;
  /** The HTTP status of the refusal, when there was one. */
  httpStatus: number | null;
  rejectedAt: number;
}

export function runEventsItem(activityId: string, events: RunEvent[], now: number): RunEventsItem {
  return { kind: "run-events", activityId, events, createdAt: now, attempts: 0 };
}

export function pointsItem(activityId: string, points: TrackPoint[], now: number): PointsItem {
  return { kind: "points", activityId, points, createdAt: now, attempts: 0 };
}
