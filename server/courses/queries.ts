/** Read access to the course catalog. */
import { asc, eq } from "drizzle-orm";
import type { Database } from "../db";
import { courseSteps, courses, programs } from "../db/schema";
import { CourseNotFoundError } from "../errors";

export async function listCourses(db: Database) {
  return db
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
      programTitleEn: programs.titleEn,
      programTitleKo: programs.titleKo,
    })
    .from(courses)
    .innerJoin(programs, eq(programs.id, courses.programId))
    .orderBy(asc(programs.slug), asc(courses.week), asc(courses.session));
}

export async function getCourseBySlug(db: Database, slug: string) {
  const [course] = await db.select().from(courses).where(eq(courses.slug, slug)).limit(1);
  if (!course) throw new CourseNotFoundError(slug);
  const steps = await db
    .select({ position: courseSteps.position, type: courseSteps.type, durationSeconds: courseSteps.durationSeconds })
    .from(courseSteps)
    .where(eq(courseSteps.courseId, course.id))
    .orderBy(asc(courseSteps.position));
  return { ...course, steps };
}
