/**
 * Activity ingest and reading. Each function takes its dependencies as arguments so it can be tested
 * against real databases without HTTP. Every function checks that the activity belongs to the caller.
 * The lifecycle (start, pause, resume, finish) is synced as events: see run-events.ts.
 */
import { asc, desc, eq } from "drizzle-orm";
import { computeRecord } from "@/domain/record/compute-record";
import { activeSecondsAt } from "@/domain/run/run-clock";
import type { LocationStore } from "../cassandra/location-store";
import type { IngestLimiter } from "../rate-limit/ingest-limiter";
import type { Database } from "../db";
import { activities, courseSteps, courses } from "../db/schema";
import {
  ActivityForbiddenError,
  ActivityNotFoundError,
  InvalidPointsError,
  LocationStoreUnavailableError,
} from "../errors";
import type { AppendPointsInput } from "./schemas";

/** Clock skew we accept between a phone and the server, in either direction. */
export const CLOCK_TOLERANCE_MS = 2 * 60_000;

/** What ingest needs of a run: whose it is and its time window (not its record, which can be large). */
const ingestColumns = {
  id: activities.id,
  userId: activities.userId,
  startedAt: activities.startedAt,
  finishedAt: activities.finishedAt,
};
type IngestActivity = { id: string; userId: string; startedAt: Date; finishedAt: Date | null };

async function loadOwnedActivity(db: Database, userId: string, activityId: string): Promise<IngestActivity> {
  const [activity] = await db.select(ingestColumns).from(activities).where(eq(activities.id, activityId)).limit(1);
  if (!activity) throw new ActivityNotFoundError(activityId);
  if (activity.userId !== userId) throw new ActivityForbiddenError(activityId);
  return activity;
}

/** Rejects the whole batch if any point falls outside the run's time window (or in the future). */
function checkPointWindow(activity: IngestActivity, points: AppendPointsInput["points"], now: number) {
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
  /** Per-runner upload budget; checked before anything is read or written. */
  limiter?: IngestLimiter;
  now?: () => number;
}

/** Stores a batch of points; returns the ids stored (all of them: the write is all-or-nothing). */
export async function appendPoints(deps: IngestDeps, userId: string, input: AppendPointsInput) {
  await deps.limiter?.consume(userId);
  const activity = await loadOwnedActivity(deps.db, userId, input.activityId);
  checkPointWindow(activity, input.points, (deps.now ?? Date.now)());
  try {
    const store = await deps.locationStore();
    await store.append(activity.id, input.points);
  } catch (error) {
    throw new LocationStoreUnavailableError(error);
  }
  // Points that arrive after the finish (a late upload from an offline stretch) must reach the record. The
  // finish state is read again *after* the write: if the run is still open now, its finish commits later
  // and that recomputation reads these points; if it has finished meanwhile, recompute here.
  const [current] = await deps.db
    .select({ finishedAt: activities.finishedAt })
    .from(activities)
    .where(eq(activities.id, activity.id))
    .limit(1);
  if (current?.finishedAt) await recomputeRecord(deps, activity.id);
  return { stored: input.points.map((point) => point.id) };
}

/**
 * Reads the run's points back from Cassandra (in time order) and stores the record computed from them with
 * the run's pauses and its course's steps (docs/record.md). Rerunning it on the same points changes nothing.
 */
export async function recomputeRecord(deps: IngestDeps, activityId: string) {
  let points;
  try {
    points = await (await deps.locationStore()).read(activityId);
  } catch (error) {
    throw new LocationStoreUnavailableError(error);
  }
  const [activity] = await deps.db.select().from(activities).where(eq(activities.id, activityId)).limit(1);
  if (!activity) throw new ActivityNotFoundError(activityId);
  const steps = activity.courseId
    ? await deps.db
        .select({ type: courseSteps.type, durationSeconds: courseSteps.durationSeconds })
        .from(courseSteps)
        .where(eq(courseSteps.courseId, activity.courseId))
        .orderBy(asc(courseSteps.position))
    : [];
  const record = computeRecord({
    points,
    startedAt: activity.startedAt.getTime(),
    finishedAt: activity.finishedAt?.getTime() ?? null,
    pauses: activity.pauses,
    courseSteps: steps,
  });
  await deps.db
    .update(activities)
    .set({
      distanceMeters: record.distanceMeters,
      movingSeconds: record.movingSeconds,
      pointCount: record.pointCount,
      record,
      recordComputedAt: new Date(),
    })
    .where(eq(activities.id, activityId));
}

/** What the history list and a run's summary show of an activity. */
const summaryColumns = {
  id: activities.id,
  status: activities.status,
  startedAt: activities.startedAt,
  finishedAt: activities.finishedAt,
  pauses: activities.pauses,
  distanceMeters: activities.distanceMeters,
  pointCount: activities.pointCount,
  courseId: activities.courseId,
  courseSlug: courses.slug,
  courseTitleEn: courses.titleEn,
  courseTitleKo: courses.titleKo,
};

export async function listActivities(db: Database, userId: string, limit = 50) {
  return db
    .select(summaryColumns)
    .from(activities)
    .leftJoin(courses, eq(courses.id, activities.courseId))
    .where(eq(activities.userId, userId))
    .orderBy(desc(activities.startedAt))
    .limit(limit);
}

/** One of the caller's activities, with its active (unpaused) seconds so far, or in total once finished. */
export async function getActivity(db: Database, userId: string, activityId: string, now = Date.now()) {
  const [row] = await db
    .select({ ...summaryColumns, ownerId: activities.userId })
    .from(activities)
    .leftJoin(courses, eq(courses.id, activities.courseId))
    .where(eq(activities.id, activityId))
    .limit(1);
  if (!row) throw new ActivityNotFoundError(activityId);
  const { ownerId, ...activity } = row;
  if (ownerId !== userId) throw new ActivityForbiddenError(activityId);
  const timing = {
    startedAt: activity.startedAt.getTime(),
    finishedAt: activity.finishedAt?.getTime() ?? null,
    pauses: activity.pauses,
  };
  return { ...activity, activeSeconds: activeSecondsAt(timing, now) };
}
