/**
 * The archive age against the hot table's expiry: the archiver must copy a run long before its hot rows expire
 * (CQL migration 002 sets 180 days from each write). A pass refuses to start when the age leaves less than
 * this margin, rather than let points expire unarchived after someone raised one number and not the other.
 */
import type { CassandraClient } from "../cassandra/client";

export const MIN_EXPIRY_MARGIN_DAYS = 30;
const DAY_MS = 86_400_000;

export class ArchiveAgeError extends Error {
  readonly code = "ARCHIVE_AGE_TOO_CLOSE_TO_EXPIRY" as const;
}

/** The hot table's default TTL in seconds (0: rows never expire). */
export async function hotTtlSeconds(client: CassandraClient, keyspace: string): Promise<number> {
  const result = await client.execute(
    "SELECT default_time_to_live FROM system_schema.tables WHERE keyspace_name = ? AND table_name = 'locations_by_activity'",
    [keyspace],
    { prepare: true },
  );
  const row = result.first();
  if (!row) throw new Error(`no table ${keyspace}.locations_by_activity: run the Cassandra migrations first`);
  return Number(row.get("default_time_to_live") ?? 0);
}

export function checkArchiveAge(afterDays: number, ttlSeconds: number): void {
  if (ttlSeconds === 0) return;
  const ttlDays = ttlSeconds / 86_400;
  if (afterDays + MIN_EXPIRY_MARGIN_DAYS > ttlDays) {
    throw new ArchiveAgeError(
      `archiving after ${afterDays} days leaves less than ${MIN_EXPIRY_MARGIN_DAYS} days before hot rows expire ` +
        `(${ttlDays} days after they are written): lower ARCHIVE_AFTER_DAYS or raise the table's TTL`,
    );
  }
}

/** Runs that started before this are due. */
export function archiveCutoff(afterDays: number, now = Date.now()): Date {
  return new Date(now - afterDays * DAY_MS);
}
