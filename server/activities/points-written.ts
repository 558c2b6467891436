/**
 * What PostgreSQL must learn once the Location Service has written points to Cassandra, before it commits them:
 * a finished run owes a new record (its request sequence is raised, record-job.ts), and a run with a cold copy has
 * hot points the archiver must fold in (its late-points sequence is raised, server/archive/). One statement, as
 * the record request alone was, so a poll costs PostgreSQL no more than before.
 */
import { and, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Database } from "../db";
import { activities } from "../db/schema";

/** Returns the finished runs among them (their records are owed). */
export async function notePointsWritten(db: Database, activityIds: readonly string[]): Promise<string[]> {
  if (activityIds.length === 0) return [];
  const rows = await db
    .update(activities)
    .set({
      recordRequestedSeq: sql`case when ${activities.finishedAt} is not null then ${activities.recordRequestedSeq} + 1 else ${activities.recordRequestedSeq} end`,
      latePointsSeq: sql`case when ${activities.coldPointsAt} is not null then ${activities.latePointsSeq} + 1 else ${activities.latePointsSeq} end`,
    })
    .where(and(inArray(activities.id, [...activityIds]), or(isNotNull(activities.finishedAt), isNotNull(activities.coldPointsAt))))
    .returning({ id: activities.id, finished: sql<boolean>`${activities.finishedAt} is not null` });
  return rows.filter((row) => row.finished).map((row) => row.id);
}
