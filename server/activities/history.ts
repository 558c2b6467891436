/**
 * Reading runs for history: a keyset-paginated list (newest first, every run exactly once across pages
 * even when start times are equal), totals per month or week, and one run's detail. Every read asks
 * server/access/activity-access.ts who may see whose runs; a run the viewer may not see is "not found".
 */
import { and, asc, desc, eq, exists, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { routePreviews, type RoutePreviews } from "@/domain/geo/route-preview";
import { bridgesOnRoute, trimRouteEnds } from "@/domain/geo/trim-route";
import type { RunRecord } from "@/domain/record/compute-record";
import type { Database } from "../db";
import { shownUsername } from "../db/shown-username";
import { activities, courses, programs, user } from "../db/schema";
import { findViewableRunner, runVisibility, type Viewer } from "../access/activity-access";
import { ActivityNotFoundError, RunnerNotFoundError, UnknownTimeZoneError } from "../errors";
import { courseStepsInOrder } from "../courses/queries";
import { withRecordState } from "./record-state";
import { timeZoneName } from "./time-zone-name";
import { coldOnlySql } from "../archive/cold-only";
import { boundedDate, monthInput, plainText, userIdSchema } from "../validation";

export const MAX_HISTORY_PAGE = 50;

/** `<epoch ms>.<uuid>`: the (started_at, id) of the last item of the previous page. Opaque to the client. */
const cursorPattern = /^(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export const historyInput = z.object({
  cursor: z.string().regex(cursorPattern, "a cursor from a previous page").optional(),
  limit: z.number().int().min(1).max(MAX_HISTORY_PAGE).default(20),
  /** Whose runs; the viewer's own by default. */
  ownerId: userIdSchema.optional(),
  /** A program's slug. */
  program: plainText(100).min(1).optional(),
  /** Runs started at or after `from` and before `to`. */
  from: boundedDate.optional(),
  to: boundedDate.optional(),
  /** Runs of one calendar month (`YYYY-MM`) in `timeZone`. */
  month: monthInput.optional(),
  timeZone: timeZoneName.default("UTC"),
});
export type HistoryInput = z.input<typeof historyInput>;

export const totalsInput = z.object({
  ownerId: userIdSchema.optional(),
  count: z.number().int().min(1).max(24).default(6),
  /** The runner's IANA time zone (period boundaries are local midnights); UTC when not given. */
  timeZone: timeZoneName.default("UTC"),
});

/** What totalsBy needs once the procedure has filled in the owner. */
export interface TotalsInput {
  ownerId: string;
  count: number;
  timeZone: string;
}

function encodeCursor(startedAt: Date, id: string) {
  return `${startedAt.getTime()}.${id}`;
}

function decodeCursor(cursor: string): { startedAt: Date; id: string } {
  const match = cursorPattern.exec(cursor);
  if (!match) throw new Error("cursor was not validated by historyInput");
  return { startedAt: new Date(Number(match[1])), id: match[2]!.toLowerCase() };
}

/** Refuses a viewer who may not see the owner's runs; otherwise says whether routes lose their ends. */
async function assertCanView(db: Database, viewer: Viewer, ownerId: string): Promise<{ trimRouteEnds: boolean }> {
  if (ownerId === viewer.userId) return { trimRouteEnds: false };
  const visibility = await runVisibility(db, viewer, ownerId);
  if (!visibility.canView) throw new RunnerNotFoundError();
  return visibility;
}

const itemColumns = {
  id: activities.id,
  ownerId: activities.userId,
  status: activities.status,
  startedAt: activities.startedAt,
  finishedAt: activities.finishedAt,
  distanceMeters: activities.distanceMeters,
  movingSeconds: activities.movingSeconds,
  recordRequestedSeq: activities.recordRequestedSeq,
  recordComputedSeq: activities.recordComputedSeq,
  courseSlug: courses.slug,
  courseTitleEn: courses.titleEn,
  courseTitleKo: courses.titleKo,
  programSlug: programs.slug,
  routePreview: activities.routePreview,
  /** Only for runs recorded before previews were stored: their route, to make one from (a detoast of the record). */
  legacyRoute: sql<RunRecord["route"] | null>`case when ${activities.routePreview} is null then ${activities.record}->'route' end`,
  importedFrom: activities.importedFrom,
};

/** The thumbnail's route for this viewer: home privacy cuts the ends for a friend, as on the run page. */
function previewFor(row: { routePreview: RoutePreviews | null; legacyRoute: RunRecord["route"] | null }, trimEnds: boolean) {
  const previews = row.routePreview ?? (row.legacyRoute ? routePreviews(row.legacyRoute) : null);
  if (!previews) return [];
  return trimEnds ? previews.endsTrimmed : previews.whole;
}

/** One page of runs, newest first; `nextCursor` is null on the last page. */
export async function listHistory(db: Database, viewer: Viewer, rawInput: HistoryInput) {
  const input = historyInput.parse(rawInput);
  const ownerId = input.ownerId ?? viewer.userId;
  const { trimRouteEnds: trimEnds } = await assertCanView(db, viewer, ownerId);

  const conditions: SQL[] = [eq(activities.userId, ownerId)];
  if (input.program) conditions.push(eq(programs.slug, input.program));
  if (input.from) conditions.push(gte(activities.startedAt, input.from));
  if (input.to) conditions.push(lt(activities.startedAt, input.to));
  if (input.month) {
    // The month's first local midnight and the next one, as instants (see totalsBy).
    const first = sql`(${`${input.month}-01`}::timestamp)`;
    conditions.push(sql`${activities.startedAt} >= (${first} at time zone ${input.timeZone})`);
    conditions.push(sql`${activities.startedAt} < ((${first} + interval '1 month') at time zone ${input.timeZone})`);
  }
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    // Row comparison: strictly after the last item in (started_at desc, id desc) order, so equal start
    // times are split by id and no run is skipped or repeated.
    conditions.push(sql`(${activities.startedAt}, ${activities.id}) < (${after.startedAt}, ${after.id}::uuid)`);
  }

  const rows = await inTimeZone(input.timeZone, () =>
    db
      .select(itemColumns)
      .from(activities)
      .leftJoin(courses, eq(courses.id, activities.courseId))
      .leftJoin(programs, eq(programs.id, courses.programId))
      .where(and(...conditions))
      .orderBy(desc(activities.startedAt), desc(activities.id))
      .limit(input.limit + 1),
  );

  const items = rows.slice(0, input.limit).map(({ routePreview, legacyRoute, ...row }) => ({
    ...withRecordState(row),
    routePreview: previewFor({ routePreview, legacyRoute }, trimEnds),
    averagePaceSecondsPerKm:
      row.distanceMeters && row.movingSeconds ? (row.movingSeconds / row.distanceMeters) * 1000 : null,
  }));
  const last = items.at(-1);
  const nextCursor = rows.length > input.limit && last ? encodeCursor(last.startedAt, last.id) : null;
  return { items, nextCursor };
}

export interface PeriodTotal {
  /** First day of the period in the runner's time zone, `YYYY-MM-DD`. */
  period: string;
  runs: number;
  distanceMeters: number;
  movingSeconds: number;
}

type Unit = "month" | "week";

/**
 * Totals per calendar period in the runner's time zone, oldest first, the period containing `now` last,
 * empty periods included. Periods are made in SQL (`generate_series` over local wall-clock times, turned
 * back into instants with AT TIME ZONE), so a run at 23:30 on 31 January in Seoul counts in January even
 * though it is 14:30 UTC, and DST changes move the boundaries as they should. Each period is a range scan of
 * `activities_user_started_id_idx`. ISO weeks start on Monday, as date_trunc does.
 */
async function totalsBy(db: Database, viewer: Viewer, input: TotalsInput, unit: Unit, now: Date): Promise<PeriodTotal[]> {
  const { ownerId, count, timeZone } = input;
  await assertCanView(db, viewer, ownerId);
  const step = sql.raw(`'1 ${unit}'::interval`);
  const unitName = sql.raw(`'${unit}'`);
  const result = await inTimeZone(timeZone, () => db.execute(sql`
    with periods as (
      select local_start, local_start + ${step} as local_end
      from generate_series(
        date_trunc(${unitName}, ${now}::timestamptz at time zone ${timeZone}) - ${count - 1} * ${step},
        date_trunc(${unitName}, ${now}::timestamptz at time zone ${timeZone}),
        ${step}
      ) as local_start
    )
    select to_char(p.local_start, 'YYYY-MM-DD') as period,
           count(a.id)::int as runs,
           coalesce(sum(a.distance_meters), 0)::float8 as distance,
           coalesce(sum(a.moving_seconds), 0)::float8 as moving
    from periods p
    left join ${activities} a
      on a.user_id = ${ownerId}
     and a.started_at >= (p.local_start at time zone ${timeZone})
     and a.started_at < (p.local_end at time zone ${timeZone})
    group by p.local_start
    order by p.local_start`));
  // node-postgres and PGlite both answer raw SQL with `{ rows }`; drizzle's shared type cannot say so.
  const { rows } = result as unknown as { rows: { period: string; runs: number; distance: number; moving: number }[] };
  return rows.map((row) => ({
    period: row.period,
    runs: Number(row.runs),
    distanceMeters: Number(row.distance),
    movingSeconds: Number(row.moving),
  }));
}

/** PostgreSQL's "time zone … not recognized" (SQLSTATE 22023), wherever drizzle wrapped it. */
function isUnknownTimeZone(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const { code } = cause as { code?: unknown };
    if (code === "22023" && /time zone/i.test(cause.message)) return true;
  }
  return false;
}

/** Runs a query that reads `timeZone` in SQL, answering a name PostgreSQL does not know as the client's mistake. */
async function inTimeZone<T>(timeZone: string, query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (isUnknownTimeZone(error)) throw new UnknownTimeZoneError(timeZone);
    throw error;
  }
}

/** Runs, distance and moving time per calendar month in the runner's time zone, the current month last. */
export function monthlyTotals(db: Database, viewer: Viewer, input: TotalsInput, now = new Date()) {
  return totalsBy(db, viewer, input, "month", now);
}

/** The same per ISO week (Monday to Sunday, in the runner's time zone). */
export function weeklyTotals(db: Database, viewer: Viewer, input: TotalsInput, now = new Date()) {
  return totalsBy(db, viewer, input, "week", now);
}

export const runnerInput = z.object({ username: plainText(100).min(1) });

/** Whose history a `/history/<username>` page shows: the viewer, or a friend who shares; else not found. */
export async function getHistoryRunner(db: Database, viewer: Viewer, input: z.input<typeof runnerInput>) {
  const { username } = runnerInput.parse(input);
  const runner = await findViewableRunner(db, viewer, username);
  if (!runner) throw new RunnerNotFoundError();
  return runner;
}

/** The programs the owner has run, for the history filter. */
export async function historyPrograms(db: Database, viewer: Viewer, ownerId: string) {
  await assertCanView(db, viewer, ownerId);
  // Per course "has the runner run it?" (activities_user_course_idx): cost follows the catalog's size, not the
  // length of the runner's history.
  const ranCourse = db
    .select({ one: sql`1` })
    .from(courses)
    .where(
      and(
        eq(courses.programId, programs.id),
        exists(db.select({ one: sql`1` }).from(activities).where(and(eq(activities.userId, ownerId), eq(activities.courseId, courses.id)))),
      ),
    );
  return db
    .select({ slug: programs.slug, titleEn: programs.titleEn, titleKo: programs.titleKo, position: programs.position })
    .from(programs)
    .where(exists(ranCourse))
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
      recordRequestedSeq: activities.recordRequestedSeq,
      recordComputedSeq: activities.recordComputedSeq,
      pointsColdOnly: coldOnlySql,
      courseId: activities.courseId,
      importedFrom: activities.importedFrom,
      courseSlug: courses.slug,
      courseTitleEn: courses.titleEn,
      courseTitleKo: courses.titleKo,
      ownerUsername: shownUsername(user),
      ownerName: user.name,
    })
    .from(activities)
    .innerJoin(user, eq(user.id, activities.userId))
    .leftJoin(courses, eq(courses.id, activities.courseId))
    .where(eq(activities.id, activityId))
    .limit(1);
  if (!row) throw new ActivityNotFoundError(activityId);
  const visibility = await runVisibility(db, viewer, row.ownerId);
  if (!visibility.canView) throw new ActivityNotFoundError(activityId);
  return { run: withRecordState(row), visibility };
}

export async function getRunDetail(db: Database, viewer: Viewer | null, activityId: string) {
  const { run: visible, visibility } = await loadVisibleRun(db, viewer, activityId);
  const { pointsColdOnly: _storage, ...run } = visible; // where the points live is not the page's business
  const steps = run.courseId ? await courseStepsInOrder(db, run.courseId) : [];
  // Home privacy: a friend sees the route without its first and last 200 m.
  const trimmed = run.record && visibility.trimRouteEnds ? trimRouteEnds(run.record.route) : null;
  const record =
    run.record && trimmed ? { ...run.record, route: trimmed, bridges: bridgesOnRoute(run.record.bridges ?? [], trimmed) } : run.record;
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
