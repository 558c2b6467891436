/**
 * The archiver as the Location Service and `npm run archive` use it: one pass over the runs due, with the
 * archive age checked against the hot table's expiry first.
 */
import type { Logger } from "pino";
import { getCassandra } from "../cassandra";
import type { CassandraClient } from "../cassandra/client";
import { createColdLocations } from "../cassandra/cold-locations";
import { createHotLocations } from "../cassandra/location-store";
import type { Database } from "../db";
import { env } from "../env";
import { archivePass, type ArchivePassOptions, type ArchivePassResult } from "./archive-pass";
import { archiveCutoff, checkArchiveAge, hotTtlSeconds } from "./archive-settings";

export interface ArchiverDeps {
  db: Database;
  cassandra: () => Promise<CassandraClient>;
  keyspace: string;
  afterDays: number;
  log?: Logger;
}

export type Archiver = (o?: Omit<ArchivePassOptions, "cutoff">) => Promise<ArchivePassResult>;

export function createArchiver(deps: ArchiverDeps): Archiver {
  return async (o = {}) => {
    const client = await deps.cassandra();
    checkArchiveAge(deps.afterDays, await hotTtlSeconds(client, deps.keyspace));
    return archivePass(
      { db: deps.db, hot: createHotLocations(client), cold: createColdLocations(client), ...(deps.log ? { log: deps.log } : {}) },
      { ...o, cutoff: archiveCutoff(deps.afterDays) },
    );
  };
}

/** The archiver and its interval as the environment sets them, for a Location Service's deps. */
export function archivingFromEnv(deps: { db: Database; log: Logger }): { archiver: Archiver; archiveEveryMs: number } {
  const e = env();
  return {
    archiver: createArchiver({ db: deps.db, cassandra: getCassandra, keyspace: e.CASSANDRA_KEYSPACE, afterDays: e.ARCHIVE_AFTER_DAYS, log: deps.log }),
    archiveEveryMs: e.ARCHIVE_INTERVAL_MINUTES * 60_000,
  };
}
