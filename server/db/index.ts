/**
 * The app's one database handle, opened from the environment on first use. Kept on globalThis so that
 * hot reloads in development reuse it instead of opening a second PGlite on the same folder.
 */
import { env } from "../env";
import { openDatabase, type Database, type DatabaseHandle } from "./client";

const globalForDb = globalThis as unknown as { runcoachDb?: DatabaseHandle };

export function getDatabaseHandle(): DatabaseHandle {
  globalForDb.runcoachDb ??= openDatabase({ url: env().DATABASE_URL, pgliteDir: env().PGLITE_DIR });
  return globalForDb.runcoachDb;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}

export type { Database } from "./client";
