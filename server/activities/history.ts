/**
 * Reading runs for history: a keyset-paginated list (newest first, every run exactly once across pages
 * even when start times are equal), totals per month or week, and one run's detail. Every read asks
 * server/access/activity-access.ts who may see whose runs; a run the viewer may not see is "not found".
 */
import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { trimRouteEnds } from "@/domain/geo/trim-route";
import type { Database } from "../db";
import { activities, courseSteps, courses, programs } from "../db/schema";
import { runVisibility, type Viewer } from "../access/activity-access";
import { ActivityNotFoundError, DomainError } from "../errors";

export const MAX_HISTORY_PAGE = 50;

/** `<epoch ms>.<uuid>`: the (started_at, id) of the last item of the previous page. Opaque to the client. */
const cursorPattern = /^(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export const historyInput = z.object({
  cursor: z.string().regex(cursorPattern, "a cursor from a previous page").optional(),
  limit: z.number().int().min(1).max(MAX_HISTORY_PAGE).default(20),
  /** Whose runs; the viewer's own by default. */
  ownerId: z.string().min(1).optional(),
  /** A program's slug. */
  program: z.string().min(1).max(100).optional(),
  /** Runs started at or after `from` and before `to`. */
  from: z.date().optional(),
  to: z.date().optional(),
});
export type HistoryInput = z.input<typeof historyInput>;

export const totalsInput = z.object({
  ownerId: z.string().min(1).optional(),
  count: z.number().int().min(1).max(24).default(6),
});

/** Someone whose runs the viewer may not see: answered exactly like an owner who does not exist. */
export class RunnerNotFoundError extends DomainError {
  readonly code = "RUNNER_NOT_FOUND" as const;
  readonly trpcCode = "NOT_FOUND" as const;
  constructor() {
    super("No runs to show for this runner");
  }
}

function encodeCursor(startedAt: Date, id: string) {
  return `${startedAt.getTime()}.${id}`;
}

function decodeCursor(cursor: string): { startedAt: Date; id: string } {
  const match = cursorPattern.exec(cursor);
  if (!match) throw new Error("cursor was not validated by historyInput");
  return { startedAt: new Date(Number(match[1])), id: match[2]!.toLowerCase() };
}

async function assertCanView(db: Database, viewer: Viewer, ownerId: string) {
  if (ownerId === viewer.userId) return;
  const visibility = await runVisibility(db, viewer, ownerId);
  if (!visibility.canView) throw new RunnerNotFoundError();
}

const itemColumns = {
  id: activities.id,
  ownerId: activities.userId,
  status: activities.status,
  startedAt: activities.startedAt,
  finishedAt: activities.finishedAt,
  distanceMeters: activities.distanceMeters,
  movingSeconds: activities.movingSeconds,
  courseSlug: courses.slug,
  courseTitleEn: courses.titleEn,
  courseTitleKo: courses.titleKo,
  programSlug: programs.slug,
};

/** One page of runs, newest first; `nextCursor` is null on the last page. */
export async function listHistory(db: Database, viewer: Viewer, rawInput: HistoryInput) {
  const input = historyInput.parse(rawInput);
  const ownerId = input.ownerId ?? viewer.userId;
  await assertCanView(db, viewer, ownerId);

  const conditions: SQL[] = [eq(activities.userId, ownerId)];
  if (input.program) conditions.push(eq(programs.slug, input.program));
  if (input.from) conditions.push(gte(activities.startedAt, input.from));
  if (input.to) conditions.push(lt(activities.startedAt, input.to));
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    // Row comparison: strictly after the last item in (started_at desc, id desc) order, so equal start
    // times are split by id and no run is skipped or repeated.
    conditions.push(sql`(${activities.startedAt}, ${activities.id}) < (${after.startedAt}, ${after.id}::uuid)`);
  }

  const rows = await db
    .select(itemColumns)
    .from(activities)
    .leftJoin(courses, eq(courses.id, activities.courseId))
    .leftJoin(programs, eq(programs.id, courses.programId))
    .where(and(...conditions))
    .orderBy(desc(activities.startedAt), desc(activities.id))
    .limit(input.limit + 1);

  const items = rows.slice(0, input.limit).map((row) => ({
    ...row,
    averagePaceSecondsPerKm:
      row.distanceMeters && row.movingSeconds ? (row.movingSeconds / row.distanceMeters) * 1000 : null,
  }));
  const last = items.at(-1);
  const nextCursor = rows.length > input.limit && last ? encodeCursor(last.startedAt, last.id) : null;
  return { items, nextCursor };
}

export interface PeriodTotal {
  /** First day of the period, `YYYY-MM-DD` (UTC). */
  period: string;
  runs: number;
  distanceMeters: number;
  movingSeconds: number;
}

type Unit = "month" | "week";

/** Start (UTC) of the period `back` periods before the one containing `now`. */
function periodStart(unit: Unit, now: Date, back: number): Date {
  if (unit === "month") return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const mondayOffset = (new Date(day).getUTCDay() + 6) % 7; // ISO weeks start on Monday, as date_trunc does
  return new Date(day - (mondayOffset + 7 * back) * 86_400_000);
}

async function totalsBy(db: Database, viewer: Viewer, ownerId: string, unit: Unit, count: number, now: Date) {
  await assertCanView(db, viewer, ownerId);
  const since = periodStart(unit, now, count - 1);
  const period = sql<string>`to_char(date_trunc(${sql.raw(`'${unit}'`)}, ${activities.startedAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      period,
      runs: sql<number>`count(*)::int`,
      distanceMeters: sql<number>`coalesce(sum(${activities.distanceMeters}), 0)::float8`,
      movingSeconds: sql<number>`coalesce(sum(${activities.movingSeconds}), 0)::float8`,
    })
    .from(activities)
    .where(and(eq(activities.userId, ownerId), gte(activities.startedAt, since)))
    .groupBy(period);
  const byPeriod = new Map(rows.map((row) => [row.period, row]));
  const totals: PeriodTotal[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const key = periodStart(unit, now, back).toISOString().slice(0, 10);
    const row = byPeriod.get(key);
    totals.push({
      period: key,
      runs: row ? Number(row.runs) : 0,
      distanceMeters: row ? Number(row.distanceMeters) : 0,
      movingSeconds: row ? Number(row.movingSeconds) : 0,
    });
  }
  return totals;
}

/** Runs, distance and moving time per calendar month (UTC), oldest first, the current month last. */
export function monthlyTotals(db: Database, viewer: Viewer, ownerId: string, months: number, now = new Date()) {
  return totalsBy(db, viewer, ownerId, "month", months, now);
}

/** The same per ISO week (Monday to Sunday, UTC). */
export function weeklyTotals(db: Database, viewer: Viewer, ownerId: string, weeks: number, now = new Date()) {
  return totalsBy(db, viewer, ownerId, "week", weeks, now);
}

/** The programs the owner has run, for the history filter. */
export async function historyPrograms(db: Database, viewer: Viewer, ownerId: string) {
  await assertCanView(db, viewer, ownerId);
  return db
    .selectDistinct({ slug: programs.slug, titleEn: programs.titleEn, titleKo: programs.titleKo, position: programs.position })
    .from(activities)
    .innerJoin(courses, eq(courses.id, activities.courseId))
    .innerJoin(programs, eq(programs.id, courses.programId))
    .where(eq(activities.userId, ownerId))
    .orderBy(asc(programs.position));
}

/**
 * One run as its detail page shows it: the activity, its record and its course. Not found unless the viewer
 * may see the owner's runs. `trimRouteEnds` says whether the route must be shown without its ends.
 */
export async function loadVisibleRun(db: Database, viewer: Viewer | null, activityId: string) {
  const [row] = await db
    .select({
      id: activities.id,
      ownerId: activities.userId,
      status: activities.status,
      startedAt: activities.startedAt,
      finishedAt: activities.finishedAt,
      pauses: activities.pauses,
      distanceMeters: activities.distanceMeters,
      movingSeconds: activities.movingSeconds,
      pointCount: activities.pointCount,
      record: activities.record,
      courseId: activities.courseId,
      courseSlug: courses.slug,
      courseTitleEn: courses.titleEn,
      courseTitleKo: courses.titleKo,
    })
    .from(activities)
    .leftJoin(courses, eq(courses.id, activities.courseId))
    .where(eq(activities.id, activityId))
    .limit(1);
  if (!row) throw new ActivityNotFoundError(activityId);
  const visibility = await runVisibility(db, viewer, row.ownerId);
  if (!visibility.canView) throw new ActivityNotFoundError(activityId);
  return { run: row, visibility };
}

export async function getRunDetail(db: Database, viewer: Viewer | null, activityId: string) {
  const { run, visibility } = await loadVisibleRun(db, viewer, activityId);
  const steps = run.courseId
    ? await db
        .select({ type: courseSteps.type, durationSeconds: courseSteps.durationSeconds })
        .from(courseSteps)
        .where(eq(courseSteps.courseId, run.courseId))
        .orderBy(asc(courseSteps.position))
    : [];
  // Home privacy: a friend sees the route without its first and last 200 m.
  const record =
    run.record && visibility.trimRouteEnds ? { ...run.record, route: trimRouteEnds(run.record.route) } : run.record;
  return {
    ...run,
    record,
    courseSteps: steps,
    isOwner: visibility.isOwner,
    routeTrimmed: visibility.trimRouteEnds,
    /** The raw points would show what trimming hides, so the GPX is only for viewers who see the whole route. */
    canExportGpx: !visibility.trimRouteEnds,
  };
}
