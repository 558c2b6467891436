/**
 * The record job: reads a finished run's points back from Cassandra (in time order) and stores the record
 * computed from them with the run's pauses and its course's steps (docs/record.md). It runs off the request
 * path, in the Location Service, after the points asked for are written; rerunning it on the same points
 * changes nothing. It stores the request sequence it read *before* reading the points, so a request that
 * arrives meanwhile leaves the run "computing…" until the next run of the job (schema: record_requested_seq).
 */
import { and, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { routePreviews } from "@/domain/geo/route-preview";
import { computeRecord } from "@/domain/record/compute-record";
import { isColdOnly } from "../archive/cold-only";
import type { LocationStore } from "../cassandra/location-store";
import { courseStepsInOrder } from "../courses/queries";
import type { Database } from "../db";
import { activities } from "../db/schema";
import { LocationStoreUnavailableError } from "../errors";

export interface RecordJobDeps {
  db: Database;
  locationStore: () => Promise<LocationStore>;
}

export type RecordJobOutcome = "stored" | "no-such-run" | "unfinished" | "superseded";

export async function computeAndStoreRecord(deps: RecordJobDeps, activityId: string): Promise<RecordJobOutcome> {
  const [activity] = await deps.db.select().from(activities).where(eq(activities.id, activityId)).limit(1);
  if (!activity) return "no-such-run";
  if (!activity.finishedAt) return "unfinished";
  const requested = activity.recordRequestedSeq;
  let points;
  try {
    points = await (await deps.locationStore()).read(activityId, { coldOnly: isColdOnly(activity) });
  } catch (error) {
    throw new LocationStoreUnavailableError(error);
  }
  const steps = activity.courseId ? await courseStepsInOrder(deps.db, activity.courseId) : [];
  const record = computeRecord({
    points,
    startedAt: activity.startedAt.getTime(),
    finishedAt: activity.finishedAt.getTime(),
    pauses: activity.pauses,
    courseSteps: steps,
  });
  // A concurrent job that read a later request has stored a record at least as new: keep it.
  const stored = await deps.db
    .update(activities)
    .set({
      distanceMeters: record.distanceMeters,
      movingSeconds: record.movingSeconds,
      pointCount: record.pointCount,
      record,
      routePreview: routePreviews(record.route),
      recordComputedAt: new Date(),
      recordComputedSeq: requested,
    })
    .where(and(eq(activities.id, activityId), lte(activities.recordComputedSeq, requested)))
    .returning({ id: activities.id });
  return stored.length > 0 ? "stored" : "superseded";
}

/** Marks the runs' records as owed (a recompute, points after the finish); returns the finished ones. */
export async function requestRecords(db: Database, activityIds: readonly string[]): Promise<string[]> {
  if (activityIds.length === 0) return [];
  const rows = await db
    .update(activities)
    .set({ recordRequestedSeq: sql`${activities.recordRequestedSeq} + 1` })
    .where(and(inArray(activities.id, [...activityIds]), isNotNull(activities.finishedAt)))
    .returning({ id: activities.id });
  return rows.map((row) => row.id);
}

/** Finished runs whose record is owed (requested > computed), oldest request first: for the sweep. */
export async function owedRecords(db: Database, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: activities.id })
    .from(activities)
    .where(sql`${activities.recordRequestedSeq} > ${activities.recordComputedSeq} and ${activities.finishedAt} is not null`)
    .limit(limit);
  return rows.map((row) => row.id);
}
