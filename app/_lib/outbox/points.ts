/**
 * GPS fixes on their way to the server. `storePoint` writes a fix to the unpacked points in one small
 * transaction the moment it arrives, so a reload, a crash or a dead network cannot lose it. `packPoints`
 * later moves up to `POINTS_PER_ITEM` of one run's fixes, oldest first, into ONE `points` outbox item in one
 * transaction (delete from the unpacked points + write to the outbox), so a fix is always in exactly one of the two places.
 * Packing puts the batch behind whatever is already in the outbox: a run's start event (enqueued before any
 * fix) goes first, and a finish recorded after a pack goes after the points packed before it. When the last
 * item is already this run's points with room left, the batch tops it up instead of making a new item, so an
 * offline hour (a pack every 15 s) leaves a few full items rather than hundreds of small ones.
 */
import type { TrackPoint } from "@/domain/geo/track-point";
import { BY_ACTIVITY_TIME_INDEX, getDb, OUTBOX_STORE, UNPACKED_POINTS_STORE } from "../device-db";
import { MAX_POINTS_PER_UPLOAD, pointsItem, POINTS_PER_ITEM, type UnpackedPoint, type PointsItem } from "./items";
import { publishOutboxChange } from "./status";
import { activitiesWithUnpackedPoints } from "./unpacked-runs";

/** Stores one fix for `activityId` (a second store of the same id overwrites it), then updates the counts. */
export async function storePoint(activityId: string, point: TrackPoint): Promise<void> {
  const db = await getDb();
  const stored: UnpackedPoint = { ...point, activityId };
  await db.put(UNPACKED_POINTS_STORE, stored);
  await publishOutboxChange();
}

function activityRange(activityId: string): IDBKeyRange {
  return IDBKeyRange.bound([activityId, -Infinity], [activityId, Infinity]);
}

function withoutActivity({ activityId, ...point }: UnpackedPoint): TrackPoint {
  void activityId;
  return point;
}

/**
 * Moves the oldest ≤ `POINTS_PER_ITEM` unpacked fixes of `activityId` into the outbox; returns how many moved
 * (0: nothing was unpacked). Nothing but IndexedDB requests is awaited inside the transaction.
 *
 * Topping up the last item is safe even while that item is being uploaded. Appending to the LAST item orders
 * the fixes exactly as a new item behind it would. And the rule "never top up the item being sent" could not
 * be kept here: a merged upload sends several items, not only the first; another tab may be flushing; the run
 * screen packs before a finish in the middle of a round. So the flusher, not the packer, makes it safe: when
 * an upload ends it takes out of each item only the points it sent, by id (settle.ts), and fixes topped up
 * meanwhile stay for the next upload. Items never grow past `MAX_POINTS_PER_UPLOAD`, so each can go up alone.
 */
export async function packPointBatch(activityId: string, now: number = Date.now()): Promise<number> {
  const db = await getDb();
  const tx = db.transaction([UNPACKED_POINTS_STORE, OUTBOX_STORE], "readwrite");
  const unpacked = tx.objectStore(UNPACKED_POINTS_STORE);
  const outbox = tx.objectStore(OUTBOX_STORE);
  const last = (await outbox.openCursor(null, "prev"))?.value;
  const topUp: PointsItem | null =
    last?.kind === "points" && last.activityId === activityId && last.points.length < MAX_POINTS_PER_UPLOAD ? last : null;
  const room = MAX_POINTS_PER_UPLOAD - (topUp?.points.length ?? 0);
  const batch = await unpacked.index(BY_ACTIVITY_TIME_INDEX).getAll(activityRange(activityId), Math.min(room, POINTS_PER_ITEM));
  if (batch.length === 0) {
    await tx.done;
    return 0;
  }
  const points = batch.map(withoutActivity);
  await Promise.all([
    ...batch.map((point) => unpacked.delete(point.id)),
    topUp ? outbox.put({ ...topUp, points: [...topUp.points, ...points] }) : outbox.add(pointsItem(activityId, points, now)),
    tx.done,
  ]);
  return batch.length;
}

/**
 * Packs every unpacked fix of `activityId` (or of every run), batch by batch; returns how many fixes moved.
 * The flusher runs it before each round, the run screen before it records a finish.
 */
export async function packPoints(activityId?: string, now: number = Date.now()): Promise<number> {
  const activities =
    activityId === undefined
      ? await activitiesWithUnpackedPoints((await getDb()).transaction(UNPACKED_POINTS_STORE).store)
      : [activityId];
  let moved = 0;
  for (const id of activities) {
    for (let n = await packPointBatch(id, now); n > 0; n = await packPointBatch(id, now)) moved += n;
  }
  if (moved > 0) await publishOutboxChange();
  return moved;
}
