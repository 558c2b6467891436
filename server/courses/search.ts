/**
 * Catalog search: every word of the query must appear in a course's or its program's title or description,
 * in either language (case-insensitive substring, which also suits Korean, where words are not split by
 * stemming). Filters narrow by level, program and total-duration bucket. The catalog is small (tens to a few
 * hundred courses), so a scan with ILIKE is fast enough; a trigram index is the next step if it grows.
 */
import { and, asc, eq, gte, ilike, inArray, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../db";
import { courseSteps, courses, levelEnum, programs } from "../db/schema";
import { plainText } from "../validation";

export const DURATION_BUCKETS = {
  short: { min: 0, max: 20 * 60 },
  medium: { min: 20 * 60, max: 35 * 60 },
  long: { min: 35 * 60, max: 50 * 60 },
  xlong: { min: 50 * 60, max: Number.POSITIVE_INFINITY },
} as const;
export type DurationBucket = keyof typeof DURATION_BUCKETS;

const MAX_TERMS = 6;

export const courseSearchInput = z.object({
  q: plainText(100).trim().default(""),
  level: z.enum(levelEnum.enumValues).optional(),
  program: z.string().regex(/^[a-z0-9-]{1,80}$/, "a program slug").optional(),
  duration: z.enum(Object.keys(DURATION_BUCKETS) as [DurationBucket, ...DurationBucket[]]).optional(),
});
export type CourseSearchInput = z.input<typeof courseSearchInput>;

/** Escapes LIKE wildcards so a runner typing "100%" searches for the text, not a pattern. */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function searchTerms(q: string): string[] {
  return q.split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);
}

export async function searchCourses(db: Database, rawInput: CourseSearchInput) {
  const input = courseSearchInput.parse(rawInput);
  const conditions: SQL[] = [];
  for (const term of searchTerms(input.q)) {
    const pattern = likePattern(term);
    conditions.push(
      or(
        ilike(courses.titleEn, pattern),
        ilike(courses.titleKo, pattern),
        ilike(courses.descriptionEn, pattern),
        ilike(courses.descriptionKo, pattern),
        ilike(programs.titleEn, pattern),
        ilike(programs.titleKo, pattern),
      )!,
    );
  }
  if (input.level) conditions.push(eq(courses.level, input.level));
  if (input.program) conditions.push(eq(programs.slug, input.program));
  if (input.duration) {
    const bucket = DURATION_BUCKETS[input.duration];
    conditions.push(gte(courses.totalSeconds, bucket.min));
    if (Number.isFinite(bucket.max)) conditions.push(lt(courses.totalSeconds, bucket.max));
  }

  const rows = await db
    .select({
      id: courses.id,
      slug: courses.slug,
      titleEn: courses.titleEn,
      titleKo: courses.titleKo,
      level: courses.level,
      week: courses.week,
      session: courses.session,
      totalSeconds: courses.totalSeconds,
      runningSeconds: courses.runningSeconds,
      programSlug: programs.slug,
      programTitleEn: programs.titleEn,
      programTitleKo: programs.titleKo,
    })
    .from(courses)
    .innerJoin(programs, eq(programs.id, courses.programId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(programs.position), asc(courses.week), asc(courses.session));

  const steps = rows.length
    ? await db
        .select({ courseId: courseSteps.courseId, type: courseSteps.type, durationSeconds: courseSteps.durationSeconds })
        .from(courseSteps)
        .where(inArray(courseSteps.courseId, rows.map((row) => row.id)))
        .orderBy(asc(courseSteps.courseId), asc(courseSteps.position))
    : [];
  const stepsByCourse = new Map<string, typeof steps>();
  for (const step of steps) {
    const list = stepsByCourse.get(step.courseId);
    if (list) list.push(step);
    else stepsByCourse.set(step.courseId, [step]);
  }
  return rows.map((row) => ({
    ...row,
    steps: (stepsByCourse.get(row.id) ?? []).map(({ type, durationSeconds }) => ({ type, durationSeconds })),
  }));
}

export async function listPrograms(db: Database) {
  return db
    .select({ slug: programs.slug, titleEn: programs.titleEn, titleKo: programs.titleKo, level: programs.level })
    .from(programs)
    .orderBy(asc(programs.position));
}
