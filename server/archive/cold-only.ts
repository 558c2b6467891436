/**
 * Whether a reader may skip a run's hot rows: its verified cold copy holds every point the Location Service has
 * told PostgreSQL about. Once archived, the hot partition still holds the shadowed rows until the TTL drops them
 * (the tombstone and the rows sit in different time windows, which never compact together), and reading through
 * them cost a cold read as much as a hot one (bench:storage). A point written to the hot table a moment before
 * its Location Service raised the late-points sequence is missed by a read in that moment; the record job that
 * the same statement asks for reads both tiers.
 */
import { sql } from "drizzle-orm";
import { activities } from "../db/schema";

/** Select as a column: true when the run's points are all in its cold copy. */
export const coldOnlySql = sql<boolean>`(${activities.coldPointsAt} is not null and ${activities.latePointsSeq} = ${activities.coldLatePointsSeq})`;

export function isColdOnly(row: { coldPointsAt: Date | null; latePointsSeq: number; coldLatePointsSeq: number }): boolean {
  return row.coldPointsAt !== null && row.latePointsSeq === row.coldLatePointsSeq;
}
