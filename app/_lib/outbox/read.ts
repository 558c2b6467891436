/** What is waiting and what was set aside, for screens and support (read-only). */
import { BY_ACTIVITY_INDEX, getDb, OUTBOX_STORE, REJECTED_STORE, UNPACKED_POINTS_STORE } from "../device-db";
import type { OutboxItem, RejectedItem } from "./items";
import { activitiesWithUnpackedPoints } from "./unpacked-runs";

export async function listOutbox(): Promise<OutboxItem[]> {
  return (await getDb()).getAll(OUTBOX_STORE);
}

export async function listRejected(): Promise<RejectedItem[]> {
  return (await getDb()).getAll(REJECTED_STORE);
}

/** Items waiting for one activity (the server has not acknowledged all its events and fixes yet). */
export async function countWaitingFor(activityId: string): Promise<number> {
  return (await getDb()).countFromIndex(OUTBOX_STORE, BY_ACTIVITY_INDEX, activityId);
}

/** Which runs have something still on the device, read in one transaction. */
export interface ActivitiesOnDevice {
  /** Runs with events or fixes waiting to upload (in the outbox, or fixes not yet packed). */
  waiting: Set<string>;
  /** Runs with items the server refused for good (kept in `rejected`). */
  refused: Set<string>;
}

export async function activitiesOnDevice(): Promise<ActivitiesOnDevice> {
  const db = await getDb();
  const tx = db.transaction([OUTBOX_STORE, REJECTED_STORE, UNPACKED_POINTS_STORE], "readonly");
  const uniqueKeys = async (store: typeof OUTBOX_STORE | typeof REJECTED_STORE): Promise<string[]> => {
    const ids: string[] = [];
    // "nextunique" visits each activity id once, however many items it has.
    for (let c = await tx.objectStore(store).index(BY_ACTIVITY_INDEX).openKeyCursor(null, "nextunique"); c; c = await c.continue()) {
      ids.push(c.key);
    }
    return ids;
  };
  const [outbox, refused, unpacked] = await Promise.all([
    uniqueKeys(OUTBOX_STORE),
    uniqueKeys(REJECTED_STORE),
    activitiesWithUnpackedPoints(tx.objectStore(UNPACKED_POINTS_STORE)),
    tx.done,
  ]);
  return { waiting: new Set([...outbox, ...unpacked]), refused: new Set(refused) };
}
