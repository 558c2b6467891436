/** Which runs have GPS fixes not yet packed into an outbox item, read in the caller's transaction. */
import type { IDBPObjectStore, StoreNames } from "idb";
import { BY_ACTIVITY_TIME_INDEX, UNPACKED_POINTS_STORE, type RunCoachDB } from "../device-db";

type UnpackedPointsStore = IDBPObjectStore<
  RunCoachDB,
  ArrayLike<StoreNames<RunCoachDB>>,
  typeof UNPACKED_POINTS_STORE,
  "readonly" | "readwrite"
>;

/** The activity ids with unpacked fixes: one key per run is read, not every fix. */
export async function activitiesWithUnpackedPoints(store: UnpackedPointsStore): Promise<string[]> {
  const ids: string[] = [];
  let cursor = await store.index(BY_ACTIVITY_TIME_INDEX).openKeyCursor();
  while (cursor) {
    const [activityId] = cursor.key;
    ids.push(activityId);
    // Skip the rest of this run's fixes: the next key after [activityId, +∞] is the next run's first.
    cursor = await cursor.continue([activityId, Infinity]);
  }
  return ids;
}
