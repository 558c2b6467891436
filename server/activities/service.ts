/**
 * Activity lifecycle and ingest. Each function takes its dependencies as arguments so it can be tested
 * against real databases without HTTP. Every function checks that the activity belongs to the caller.
 */
import { and, desc, eq } from "drizzle-orm";
import { pathDistance } from "@/domain/geo/distance";
import type { LocationStore } from "../cassandra/location-store";
import type { Database } from "../db";
import { activities, courses } from "../db/schema";
import {
  ActivityConflictError,
  ActivityForbiddenError,
  ActivityNotFoundError,
  CourseNotFoundError,
  InvalidPointsError,
  LocationStoreUnavailableError,
} from "../errors";
import type { AppendPointsInput, FinishActivityInput, StartActivityInput } from "./schemas";

/** Clock skew we accept between a phone and the server, in either direction. */
export const CLOCK_TOLERANCE_MS = 2 * 60_000;

type ActivityRow = typeof activities.$inferSelect;

async function loadOwnedActivity(db: Database, userId: string, activityId: string): Promise<ActivityRow> {
  const [activity] = await db.select().from(activities).where(eq(activities.id, activityId)).limit(1);
  if (!activity) throw new ActivityNotFoundError(activityId);
  if (activity.userId !== userId) throw new ActivityForbiddenError(activityId);
  return activity;
}

/** Creates the activity; sending the same start again returns the existing one unchanged. */
export async function startActivity(db: Database, userId: string, input: StartActivityInput): Promise<ActivityRow> {
  const [course] = await db.select({ id: courses.id }).from(courses).where(eq(courses.id, input.courseId)).limit(1);
  if (!course) throw new CourseNotFoundError(input.courseId);
  const inserted = await db
    .insert(activities)
    .values({ id: input.id, userId, courseId: input.courseId, startedAt: new Date(input.startedAt) })
    .onConflictDoNothing({ target: activities.id })
    .returning();
  if (inserted[0]) return inserted[0];
  const existing = await loadOwnedActivity(db, userId, input.id);
  if (existing.courseId !== input.courseId || existing.startedAt.getTime() !== input.startedAt) {
    throw new ActivityConflictError(`Activity ${input.id} was already started with other details`);
  }
  return existing;
}

/** Rejects the whole batch if any point falls outside the run's time window (or in the future). */
function checkPointWindow(activity: ActivityRow, points: AppendPointsInput["points"], now: number) {
  const earliest = activity.startedAt.getTime() - CLOCK_TOLERANCE_MS;
  const latest = Math.min(now, activity.finishedAt?.getTime() ?? now) + CLOCK_TOLERANCE_MS;
  const index = points.findIndex((point) => point.ts < earliest || point.ts > latest);
  if (index >= 0) {
    throw new InvalidPointsError(
      `points.${index}.ts: ${new Date(points[index]!.ts).toISOString()} is outside the activity's time window ` +
        `(${new Date(earliest).toISOString()} to ${new Date(latest).toISOString()})`,
    );
  }
}

export interface IngestDeps {
  db: Database;
  locationStore: () => Promise<LocationStore>;
  now?: () => number;
}

/** Stores a batch of points; returns the ids stored (all of them: the write is all-or-nothing). */
export async function appendPoints(deps: IngestDeps, userId: string, input: AppendPointsInput) {
  const activity = await loadOwnedActivity(deps.db, userId, input.activityId);
  checkPointWindow(activity, input.points, (deps.now ?? Date.now)());
  try {
    const store = await deps.locationStore();
    await store.append(activity.id, input.points);
  } catch (error) {
    throw new LocationStoreUnavailableError(error);
  }
  // Points that arrive after the finish (a late upload from an offline stretch) must reach the record.
  if (activity.finishedAt) await recomputeRecord(deps, activity.id);
  return { stored: input.points.map((point) => point.id) };
}

async function recomputeRecord(deps: IngestDeps, activityId: string) {
  let points;
  try {
    points = await (await deps.locationStore()).read(activityId);
  } catch (error) {
    throw new LocationStoreUnavailableError(error);
  }
  await deps.db
    .update(activities)
    .set({ distanceMeters: pathDistance(points), pointCount: points.length, recordComputedAt: new Date() })
    .where(eq(activities.id, activityId));
}

/** Ends the run and computes its record from the stored points. Finishing twice the same way is a no-op. */
export async function finishActivity(deps: IngestDeps, userId: string, input: FinishActivityInput) {
  const activity = await loadOwnedActivity(deps.db, userId, input.activityId);
  if (activity.status !== "active") {
    if (activity.status === input.status && activity.finishedAt?.getTime() === input.finishedAt) return activity;
    throw new ActivityConflictError(`Activity ${activity.id} is already ${activity.status}`);
  }
  if (input.finishedAt < activity.startedAt.getTime()) {
    throw new ActivityConflictError(`Activity ${activity.id} cannot finish before it started`);
  }
  await deps.db
    .update(activities)
    .set({ status: input.status, finishedAt: new Date(input.finishedAt) })
    .where(and(eq(activities.id, activity.id), eq(activities.status, "active")));
  await recomputeRecord(deps, activity.id);
  return loadOwnedActivity(deps.db, userId, activity.id);
}

export async function listActivities(db: Database, userId: string, limit = 50) {
  return db
    .select({
      id: activities.id,
      status: activities.status,
      startedAt: activities.startedAt,
      finishedAt: activities.finishedAt,
      distanceMeters: activities.distanceMeters,
      pointCount: activities.pointCount,
      courseTitleEn: courses.titleEn,
      courseTitleKo: courses.titleKo,
    })
    .from(activities)
    .leftJoin(courses, eq(courses.id, activities.courseId))
    .where(eq(activities.userId, userId))
    .orderBy(desc(activities.startedAt))
    .limit(limit);
}
