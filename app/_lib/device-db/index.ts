/**
 * The device's database (db.ts) and the channel that tells the app's other tabs it changed (tab-channel.ts).
 * Only the outbox and the run modules open it; screens use their functions.
 */
export {
  BY_ACTIVITY_INDEX,
  BY_ACTIVITY_TIME_INDEX,
  closeDb,
  DB_NAME,
  DB_VERSION,
  getDb,
  LocalStorageUnavailableError,
  OUTBOX_STORE,
  REJECTED_STORE,
  RUNS_STORE,
  UNPACKED_POINTS_STORE,
  type RunCoachDatabase,
  type RunCoachDB,
} from "./db";
export { openTabChannel, type TabChannel } from "./tab-channel";
