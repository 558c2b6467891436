/** The caller's own runs as the run screen asks for them: the latest list, and one run with its clock. */
import { desc, eq } from "drizzle-orm";
import { activeSecondsAt } from "@/domain/run/run-clock";
import type { Database } from "../db";
import { activities, courses } from "../db/schema";
import { ActivityNotFoundError } from "../errors";
import { withRecordState } from "./record-state";

/** What the history list and a run's summary show of an activity. */
const summaryColumns = {
  id: activities.id,
  status: activities.status,
  startedAt: activities.startedAt,
  finishedAt: activities.finishedAt,
  pauses: activities.pauses,
  distanceMeters: activities.distanceMeters,
  pointCount: activities.pointCount,
  recordRequestedSeq: activities.recordRequestedSeq,
  recordComputedSeq: activities.recordComputedSeq,
  courseId: activities.courseId,
  courseSlug: courses.slug,
  courseTitleEn: courses.titleEn,
  courseTitleKo: courses.titleKo,
};

export async function listActivities(db: Database, userId: string, limit = 50) {
  const rows = await db
    .select(summaryColumns)
    .from(activities)
    .leftJoin(courses, eq(courses.id, activities.courseId))
    .where(eq(activities.userId, userId))
    .orderBy(desc(activities.startedAt))
    .limit(limit);
  return rows.map(withRecordState);
}

/** One of the caller's activities, with its active (unpaused) seconds so far, or in total once finished. */
export async function getActivity(db: Database, userId: string, activityId: string, now = Date.now()) {
  const [row] = await db
    .select({ ...summaryColumns, ownerId: activities.userId })
    .from(activities)
    .leftJoin(courses, eq(courses.id, activities.courseId))
    .where(eq(activities.id, activityId))
    .limit(1);
  // Another runner's run is answered as one that does not exist (a stranger must not learn that the id is taken).
  if (!row || row.ownerId !== userId) throw new ActivityNotFoundError(activityId);
  const { ownerId: _owner, ...activity } = row;
  const timing = {
    startedAt: activity.startedAt.getTime(),
    finishedAt: activity.finishedAt?.getTime() ?? null,
    pauses: activity.pauses,
  };
  return { ...withRecordState(activity), activeSeconds: activeSecondsAt(timing, now) };
}
