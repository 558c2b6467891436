/**
 * What the archiver keeps in PostgreSQL (columns on `activities`, schema/activities.ts): which runs are due,
 * which of them an archiver has claimed, and which are cold. Claims let several Location Services share the work;
 * the claim token on the final mark is the fence that keeps an archiver whose claim ran out (a long pause) from
 * deleting hot rows that the archiver now holding the run has not copied.
 */
import { randomUUID } from "node:crypto";
import { and, asc, count, eq, gt, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Database } from "../db";
import { activities } from "../db/schema";

export interface ClaimedRun {
  id: string;
  /** The late-points sequence when claimed: the copy made now holds at least the points written before it. */
  latePointsSeq: number;
}

export interface Claim {
  token: string;
  runs: ClaimedRun[];
}

/** Runs due: never archived and started before the cutoff, or archived with points written since. */
function due(cutoff: Date) {
  return or(
    and(isNull(activities.coldPointsAt), lt(activities.startedAt, cutoff)),
    gt(activities.latePointsSeq, activities.coldLatePointsSeq),
  );
}

const unclaimed = () => or(isNull(activities.archiveClaimedUntil), lte(activities.archiveClaimedUntil, sql`now()`));

/** Claims up to `limit` due runs, oldest first, for `leaseMs`; runs another archiver holds are skipped. */
export async function claimDueRuns(db: Database, o: { cutoff: Date; limit: number; leaseMs: number }): Promise<Claim> {
  const token = randomUUID();
  const candidates = db
    .select({ id: activities.id })
    .from(activities)
    .where(and(due(o.cutoff), unclaimed()))
    .orderBy(asc(activities.startedAt))
    .limit(o.limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(activities)
    .set({ archiveClaim: token, archiveClaimedUntil: sql`now() + ${`${o.leaseMs} milliseconds`}::interval` })
    .where(inArray(activities.id, candidates))
    .returning({ id: activities.id, latePointsSeq: activities.latePointsSeq, startedAt: activities.startedAt });
  rows.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  return { token, runs: rows.map(({ id, latePointsSeq }) => ({ id, latePointsSeq })) };
}

/**
 * Records that the run's cold copy holds every point written up to `latePointsSeq`, and ends the claim; false
 * when the claim is no longer this token's (it ran out and another archiver took the run): then the caller
 * must leave the hot rows alone.
 */
export async function markCold(db: Database, token: string, run: ClaimedRun): Promise<boolean> {
  const rows = await db
    .update(activities)
    .set({ coldPointsAt: sql`now()`, coldLatePointsSeq: run.latePointsSeq, archiveClaim: null, archiveClaimedUntil: null })
    .where(and(eq(activities.id, run.id), eq(activities.archiveClaim, token)))
    .returning({ id: activities.id });
  return rows.length > 0;
}

/** Gives back claimed runs not archived (a pass stopped, a run that failed), so the next pass need not wait. */
export async function releaseClaims(db: Database, token: string, runIds: readonly string[]): Promise<void> {
  if (runIds.length === 0) return;
  await db
    .update(activities)
    .set({ archiveClaim: null, archiveClaimedUntil: null })
    .where(and(inArray(activities.id, [...runIds]), eq(activities.archiveClaim, token)));
}

/** Runs due now (claimed or not): the archiver's backlog, for progress and the metrics. */
export async function countDueRuns(db: Database, cutoff: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(activities).where(due(cutoff));
  return row?.n ?? 0;
}

/** Claims one run whatever its age (an operator's or a benchmark's "archive this one now"); null if another holds it. */
export async function claimRun(db: Database, activityId: string, leaseMs: number): Promise<Claim | null> {
  const token = randomUUID();
  const rows = await db
    .update(activities)
    .set({ archiveClaim: token, archiveClaimedUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
    .where(and(eq(activities.id, activityId), unclaimed()))
    .returning({ id: activities.id, latePointsSeq: activities.latePointsSeq });
  return rows.length ? { token, runs: rows } : null;
}
