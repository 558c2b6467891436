/**
 * GPS fixes on their way to the server. `storePoint` writes a fix to `pending-points` in one small
 * transaction the moment it arrives, so a reload, a crash or a dead network cannot lose it. `packPoints`
 * later moves up to `POINTS_PER_ITEM` of one run's fixes, oldest first, into ONE `points` outbox item in one
 * transaction (delete from pending + add to the outbox), so a fix is always in exactly one of the two places.
 * Packing puts the batch behind whatever is already in the outbox: a run's start event (enqueued before any
 * fix) goes first, and a finish recorded after a pack goes after the points packed before it.
 */
import type { TrackPoint } from "@/domain/geo/track-point";
import { BY_ACTIVITY_TIME_INDEX, getDb, OUTBOX_STORE, PENDING_POINTS_STORE } from "./db";
import { pointsItem, POINTS_PER_ITEM, type PendingPoint } from "./items";
import { publishOutboxChange } from "./status";

/** Stores one fix for `activityId` (a second store of the same id overwrites it), then updates the counts. */
export async function storePoint(activityId: string, point: TrackPoint): Promise<void> {
  const db = await getDb();
  const stored: PendingPoint = { ...point, activityId };
  await db.put(PENDING_POINTS_STORE, stored);
  await publishOutboxChange();
}

function activityRange(activityId: string): IDBKeyRange {
  return IDBKeyRange.bound([activityId, -Infinity], [activityId, Infinity]);
}

function withoutActivity({ activityId, ...point }: PendingPoint): TrackPoint {
  void activityId;
  return point;
}

/**
 * Moves the oldest ≤ `POINTS_PER_ITEM` pending fixes of `activityId` into one outbox item; returns how many
 * moved (0: nothing was pending). Nothing but IndexedDB requests is awaited inside the transaction.
 */
export async function packPointBatch(activityId: string, now: number = Date.now()): Promise<number> {
  const db = await getDb();
  const tx = db.transaction([PENDING_POINTS_STORE, OUTBOX_STORE], "readwrite");
  const pending = tx.objectStore(PENDING_POINTS_STORE);
  const batch = await pending.index(BY_ACTIVITY_TIME_INDEX).getAll(activityRange(activityId), POINTS_PER_ITEM);
  if (batch.length === 0) {
    await tx.done;
    return 0;
  }
  await Promise.all([
    ...batch.map((point) => pending.delete(point.id)),
    tx.objectStore(OUTBOX_STORE).add(pointsItem(activityId, batch.map(withoutActivity), now)),
    tx.done,
  ]);
  return batch.length;
}

/** The runs that have fixes waiting to be packed. */
async function activitiesWithPendingPoints(): Promise<string[]> {
  const db = await getDb();
  const ids = new Set<string>();
  let cursor = await db.transaction(PENDING_POINTS_STORE).store.index(BY_ACTIVITY_TIME_INDEX).openKeyCursor();
  while (cursor) {
    const [activityId] = cursor.key;
    ids.add(activityId);
    // Skip the rest of this run's fixes: the next key after [activityId, +∞] is the next run's first.
    cursor = await cursor.continue([activityId, Infinity]);
  }
  return [...ids];
}

/**
 * Packs every pending fix of `activityId` (or of every run), batch by batch; returns how many fixes moved.
 * The flusher runs it before each round, the run screen before it records a finish.
 */
export async function packPoints(activityId?: string, now: number = Date.now()): Promise<number> {
  const activities = activityId === undefined ? await activitiesWithPendingPoints() : [activityId];
  let moved = 0;
  for (const id of activities) {
    for (let n = await packPointBatch(id, now); n > 0; n = await packPointBatch(id, now)) moved += n;
  }
  if (moved > 0) await publishOutboxChange();
  return moved;
}
