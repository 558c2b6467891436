/**
 * Test helpers: an empty in-memory IndexedDB (fake-indexeddb) per test, items and fixes to enqueue, and the
 * errors a tRPC client throws for a network failure or an HTTP status.
 */
import "fake-indexeddb/auto";
import { TRPCClientError } from "@trpc/client";
import { IDBFactory } from "fake-indexeddb";
import type { TrackPoint } from "@/domain/geo/track-point";
import type { RunEvent } from "@/domain/run/events";
import { closeDb, getDb, OUTBOX_STORE } from "../../device-db";
import { pointsItem, runEventsItem, type OutboxItem } from "../items";

export async function useFreshDatabase(): Promise<void> {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
}

export const T0 = Date.UTC(2026, 10, 22, 7, 0, 0);

export function activityUuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

/** Enqueues one start event for activity `n` (as the run recorder would) and returns the stored item. */
export async function enqueueStart(n: number): Promise<OutboxItem> {
  const activityId = activityUuid(n);
  const event: RunEvent = { id: activityUuid(1000 + n), activityId, seq: 1, at: T0, type: "start", courseId: activityUuid(999) };
  const db = await getDb();
  const id = await db.add(OUTBOX_STORE, runEventsItem(activityId, [event], T0));
  return { ...runEventsItem(activityId, [event], T0), id };
}

/** `count` GPS fixes, one a second from fix number `from`, each with its own id. */
export function fixes(count: number, from = 0): TrackPoint[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return { id: activityUuid(5000 + n), ts: T0 + n * 1000, lat: 37.5 + n * 0.0001, lng: 126.9, altitude: null, accuracy: 5, speed: null };
  });
}

/** Enqueues one `points` item for activity `n` (as a pack would) and returns the stored item. */
export async function enqueuePoints(n: number, points: TrackPoint[]): Promise<OutboxItem> {
  const item = pointsItem(activityUuid(n), points, T0);
  const id = await (await getDb()).add(OUTBOX_STORE, item);
  return { ...item, id };
}

/** What `httpLink` throws when fetch itself fails (offline, DNS, connection reset). */
export function networkError(): TRPCClientError<never> {
  return TRPCClientError.from(new TypeError("Failed to fetch"));
}

/** What `httpLink` throws for an error response, with its status and headers. */
export function httpError(status: number, message: string, headers: Record<string, string> = {}): TRPCClientError<never> {
  const response = new Response(null, { status, headers });
  return TRPCClientError.from(
    { error: { code: -32000, message, data: { code: "ERROR", httpStatus: status } } },
    { meta: { response } },
  );
}
