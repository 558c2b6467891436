/**
 * What PostgreSQL says about live runs: whether a run may be followed (the runner's choice for the run, else
 * their default), what its clock and course are, and who may follow it. The one place live access is
 * decided, like server/access/activity-access.ts is for history.
 *
 * Who may follow: the runner, and accepted friends of the runner while the run is followable. A stranger, a
 * pending friend (either direction), a signed-out visitor, or anyone asking for a run that is not followable
 * or does not exist get the same null, which every live endpoint answers as not-found. A followable run is
 * shown to followers whatever `run_visibility` says: the runner chose it for this run (or as the live
 * default) on purpose.
 */
import { and, asc, eq, or, sql, type AnyColumn } from "drizzle-orm";
import type { CourseStep } from "@/domain/coaching/schedule";
import type { Database } from "../db";
import { shownUsername } from "../db/shown-username";
import { activities, courseSteps, friendships, liveRunChoices, user } from "../db/schema";
import type { LiveRunInfo } from "./live-state";

export interface LiveRun extends LiveRunInfo {
  activityId: string;
  ownerId: string;
  followable: boolean;
}

/** The choice for this run when the runner made one (and is the run's owner), else the runner's default. */
const followable = sql<boolean>`coalesce(${liveRunChoices.followable}, ${user.liveByDefault})`;

/** The run as the live consumer needs it, or null when there is no such run. */
export async function loadLiveRun(db: Database, activityId: string): Promise<LiveRun | null> {
  const [row] = await db
    .select({
      ownerId: activities.userId,
      courseId: activities.courseId,
      startedAt: activities.startedAt,
      finishedAt: activities.finishedAt,
      pauses: activities.pauses,
      hideRouteEnds: user.hideRouteEnds,
      followable,
    })
    .from(activities)
    .innerJoin(user, eq(user.id, activities.userId))
    .leftJoin(liveRunChoices, and(eq(liveRunChoices.activityId, activities.id), eq(liveRunChoices.userId, activities.userId)))
    .where(eq(activities.id, activityId));
  if (!row) return null;
  const steps: CourseStep[] = row.courseId
    ? await db
        .select({ type: courseSteps.type, durationSeconds: courseSteps.durationSeconds })
        .from(courseSteps)
        .where(eq(courseSteps.courseId, row.courseId))
        .orderBy(asc(courseSteps.position))
    : [];
  return {
    activityId,
    ownerId: row.ownerId,
    followable: row.followable,
    startedAt: row.startedAt.getTime(),
    finishedAt: row.finishedAt?.getTime() ?? null,
    pauses: row.pauses,
    steps,
    hideRouteEnds: row.hideRouteEnds,
  };
}

export interface Follower {
  userId: string;
}

export interface FollowableRun {
  activityId: string;
  ownerId: string;
  runnerName: string;
  runnerUsername: string;
  isOwner: boolean;
  finished: boolean;
  /** Home privacy applies to what followers see. */
  hideRouteEnds: boolean;
}

const acceptedBetween = (a: string, b: AnyColumn) =>
  and(
    eq(friendships.status, "accepted"),
    or(
      and(eq(friendships.requesterId, a), eq(friendships.addresseeId, b)),
      and(eq(friendships.requesterId, b), eq(friendships.addresseeId, a)),
    ),
  );

/** The run if this viewer may follow it live; null for everyone else, exactly as for an id nobody has. */
export async function followableRun(db: Database, viewer: Follower | null, activityId: string): Promise<FollowableRun | null> {
  if (!viewer) return null;
  const [row] = await db
    .select({
      ownerId: activities.userId,
      runnerName: user.name,
      runnerUsername: shownUsername(user),
      finishedAt: activities.finishedAt,
      hideRouteEnds: user.hideRouteEnds,
      followable,
      isFriend: sql<boolean>`exists (${db.select({ one: sql`1` }).from(friendships).where(acceptedBetween(viewer.userId, activities.userId))})`,
    })
    .from(activities)
    .innerJoin(user, eq(user.id, activities.userId))
    .leftJoin(liveRunChoices, and(eq(liveRunChoices.activityId, activities.id), eq(liveRunChoices.userId, activities.userId)))
    .where(eq(activities.id, activityId));
  if (!row) return null;
  const isOwner = row.ownerId === viewer.userId;
  if (!isOwner && !(row.isFriend && row.followable)) return null;
  return {
    activityId,
    ownerId: row.ownerId,
    runnerName: row.runnerName,
    runnerUsername: row.runnerUsername,
    isOwner,
    finished: row.finishedAt !== null,
    hideRouteEnds: row.hideRouteEnds,
  };
}

/** followableRun as a yes or no, for a stream that checks again while it is open (follow-stream.ts). */
export function mayFollowLive(db: Database): (viewerId: string, activityId: string) => Promise<boolean> {
  return async (viewerId, activityId) => (await followableRun(db, { userId: viewerId }, activityId)) !== null;
}

/** Unfinished followable runs of the viewer's accepted friends started in the last `withinMs` (candidates for "running now"). */
export async function friendsOpenRuns(db: Database, viewer: Follower, withinMs = 6 * 60 * 60 * 1000, now = Date.now()) {
  const friendId = sql<string>`case when ${friendships.requesterId} = ${viewer.userId} then ${friendships.addresseeId} else ${friendships.requesterId} end`;
  return db
    .select({ activityId: activities.id, ownerId: activities.userId, runnerName: user.name, runnerUsername: shownUsername(user), startedAt: activities.startedAt })
    .from(friendships)
    .innerJoin(user, eq(user.id, friendId))
    .innerJoin(activities, eq(activities.userId, user.id))
    .leftJoin(liveRunChoices, and(eq(liveRunChoices.activityId, activities.id), eq(liveRunChoices.userId, activities.userId)))
    .where(
      and(
        eq(friendships.status, "accepted"),
        or(eq(friendships.requesterId, viewer.userId), eq(friendships.addresseeId, viewer.userId)),
        sql`${activities.finishedAt} is null`,
        sql`${activities.startedAt} > ${new Date(now - withinMs)}`,
        followable,
      ),
    )
    .orderBy(asc(activities.startedAt))
    .limit(50);
}

/** Records the runner's choice for one run. Refused (false) when the run exists and is someone else's. */
export async function chooseLiveForRun(db: Database, userId: string, activityId: string, choice: boolean): Promise<boolean> {
  const [owner] = await db.select({ userId: activities.userId }).from(activities).where(eq(activities.id, activityId));
  if (owner && owner.userId !== userId) return false;
  const rows = await db
    .insert(liveRunChoices)
    .values({ activityId, userId, followable: choice })
    .onConflictDoUpdate({
      target: liveRunChoices.activityId,
      set: { followable: choice, updatedAt: new Date() },
      setWhere: eq(liveRunChoices.userId, userId),
    })
    .returning({ userId: liveRunChoices.userId });
  return rows.length === 1;
}

export async function getLiveDefault(db: Database, userId: string): Promise<boolean> {
  const [row] = await db.select({ liveByDefault: user.liveByDefault }).from(user).where(eq(user.id, userId));
  return row?.liveByDefault ?? false;
}

export async function setLiveDefault(db: Database, userId: string, value: boolean): Promise<boolean> {
  await db.update(user).set({ liveByDefault: value, updatedAt: new Date() }).where(eq(user.id, userId));
  return value;
}
