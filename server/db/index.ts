/**
 * The app's one database handle, opened from the environment on first use. Kept on globalThis so that
 * hot reloads in development reuse it instead of opening a second PGlite on the same folder.
 */
import { env } from "../env";
import { registerPgPoolMetrics } from "../metrics/pg-pool";
import { processRegistry } from "../metrics/registry";
import { openDatabase, type Database, type DatabaseHandle } from "./client";

const globalForDb = globalThis as unknown as { runcoachDb?: DatabaseHandle };

export function getDatabaseHandle(): DatabaseHandle {
  if (!globalForDb.runcoachDb) {
    globalForDb.runcoachDb = openDatabase({ url: env().DATABASE_URL, pgliteDir: env().PGLITE_DIR });
    const registry = processRegistry();
    // Read through globalThis at each scrape: tests swap the handle (withAppDatabase).
    if (registry) registerPgPoolMetrics(registry, () => globalForDb.runcoachDb?.poolStats?.() ?? null);
  }
  return globalForDb.runcoachDb;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}

export type { Database } from "./client";
