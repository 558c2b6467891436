/**
 * The app's one IndexedDB database, owned here and nowhere else: its name, version, stores and upgrades. Two
 * modules use it, each through its own functions: the outbox (app/_lib/outbox/: `outbox`, `rejected`,
 * `unpacked points`) and the runs kept on the device (app/_lib/run/: `runs`, whose writes also enqueue in
 * `outbox` in the same transaction, so there is never a run without its start event, or an event without its
 * run).
 *
 * - `outbox`: what the server must eventually receive, in the order it was made (key order is upload order).
 * - `rejected`: what the server refused for good, with the reason, so nothing recorded is lost.
 * - `runs`: the runs recorded on this device, so a reload or a crash resumes them and History can show the
 *   ones still waiting to upload.
 * - unpacked points (stored as "pending-points", the name the first version gave it): each GPS fix the moment
 *   it arrives, keyed by its client id, until the packer moves it into a `points` outbox item
 *   (outbox/points.ts), so a fix is on disk before anything else happens to it and uploads stay few.
 *
 * Words, because "pending" used to mean three things: a fix is *unpacked* until it is in an outbox item; an
 * item is *waiting* until the server acknowledged it; a run is *waiting to upload* while any of its events or
 * fixes is. (The server's `recordPending` is a fourth, its own: the record is being computed.)
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { OutboxItem, RejectedItem, UnpackedPoint } from "../outbox/items";
import type { LocalRun } from "../run/local-run";

export const DB_NAME = "runcoach";
export const DB_VERSION = 2;
export const OUTBOX_STORE = "outbox";
export const REJECTED_STORE = "rejected";
export const RUNS_STORE = "runs";
export const BY_ACTIVITY_INDEX = "byActivity";
/** The fixes not yet packed into an outbox item. The store's name is older than the word: kept, not migrated. */
export const UNPACKED_POINTS_STORE = "pending-points";
/** On unpacked points: [activityId, ts], so one activity's fixes are read oldest first. */
export const BY_ACTIVITY_TIME_INDEX = "byActivityTime";

export interface RunCoachDB extends DBSchema {
  [OUTBOX_STORE]: { key: number; value: OutboxItem; indexes: { [BY_ACTIVITY_INDEX]: string } };
  [REJECTED_STORE]: { key: number; value: RejectedItem; indexes: { [BY_ACTIVITY_INDEX]: string } };
  [RUNS_STORE]: { key: string; value: LocalRun };
  [UNPACKED_POINTS_STORE]: { key: string; value: UnpackedPoint; indexes: { [BY_ACTIVITY_TIME_INDEX]: [string, number] } };
}

export type RunCoachDatabase = IDBPDatabase<RunCoachDB>;

/** The browser has no IndexedDB (server rendering, or a private window that disables it). */
export class LocalStorageUnavailableError extends Error {
  readonly code = "LOCAL_STORAGE_UNAVAILABLE" as const;
  constructor() {
    super("This browser cannot store runs on the device (IndexedDB is unavailable)");
  }
}

let dbPromise: Promise<RunCoachDatabase> | null = null;

/** Opens the database on first use and reuses the connection afterwards. */
export function getDb(): Promise<RunCoachDatabase> {
  if (typeof indexedDB === "undefined") return Promise.reject(new LocalStorageUnavailableError());
  dbPromise ??= openDB<RunCoachDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      // One step per version, so a database at any older version is brought forward.
      if (oldVersion < 1) {
        const outbox = db.createObjectStore(OUTBOX_STORE, { keyPath: "id", autoIncrement: true });
        outbox.createIndex(BY_ACTIVITY_INDEX, "activityId");
        const rejected = db.createObjectStore(REJECTED_STORE, { keyPath: "id", autoIncrement: true });
        rejected.createIndex(BY_ACTIVITY_INDEX, "item.activityId");
        db.createObjectStore(RUNS_STORE, { keyPath: "activityId" });
      }
      if (oldVersion < 2) {
        const unpacked = db.createObjectStore(UNPACKED_POINTS_STORE, { keyPath: "id" });
        unpacked.createIndex(BY_ACTIVITY_TIME_INDEX, ["activityId", "ts"]);
      }
    },
    // A newer version of the app in another tab wants to upgrade: step aside; the next call reopens.
    blocking() {
      void closeDb();
    },
    terminated() {
      dbPromise = null;
    },
  }).catch((error: unknown) => {
    dbPromise = null;
    throw error;
  });
  return dbPromise;
}

/** Closes the connection (if open); the next `getDb()` opens a new one. */
export async function closeDb(): Promise<void> {
  const opening = dbPromise;
  dbPromise = null;
  const db = await opening?.catch(() => null);
  db?.close();
}
