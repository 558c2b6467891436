/**
 * The app's one IndexedDB database. What the server must eventually receive waits in `outbox` in the order it
 * was made; what the server refused for good moves to `rejected` with the reason; `runs` holds the runs being
 * recorded so a reload or a crash resumes them. Runs and their events share one database so one transaction
 * can write both (never a run without its start event, or an event without its run). `pending-points` holds
 * each GPS fix the moment it arrives, keyed by its client id; the packer moves them into `points` outbox items
 * (points.ts), so a fix is on disk before anything else happens to it and uploads stay few and ordered.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { LocalRun } from "../run/local-run";
import type { OutboxItem, PendingPoint, RejectedItem } from "./items";

export const DB_NAME = "runcoach";
export const DB_VERSION = 2;
export const OUTBOX_STORE = "outbox";
export const REJECTED_STORE = "rejected";
export const RUNS_STORE = "runs";
export const BY_ACTIVITY_INDEX = "byActivity";
export const PENDING_POINTS_STORE = "pending-points";
/** On `pending-points`: [activityId, ts], so one activity's fixes are read oldest first. */
export const BY_ACTIVITY_TIME_INDEX = "byActivityTime";

export interface RunCoachDB extends DBSchema {
  [OUTBOX_STORE]: { key: number; value: OutboxItem; indexes: { [BY_ACTIVITY_INDEX]: string } };
  [REJECTED_STORE]: { key: number; value: RejectedItem; indexes: { [BY_ACTIVITY_INDEX]: string } };
  [RUNS_STORE]: { key: string; value: LocalRun };
  [PENDING_POINTS_STORE]: { key: string; value: PendingPoint; indexes: { [BY_ACTIVITY_TIME_INDEX]: [string, number] } };
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
        const pending = db.createObjectStore(PENDING_POINTS_STORE, { keyPath: "id" });
        pending.createIndex(BY_ACTIVITY_TIME_INDEX, ["activityId", "ts"]);
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
  const pending = dbPromise;
  dbPromise = null;
  const db = await pending?.catch(() => null);
  db?.close();
}
