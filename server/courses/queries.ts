/** Read access to the course catalog. */
import { asc, eq } from "drizzle-orm";
import type { Database } from "../db";
import { courseSteps, courses } from "../db/schema";
import { CourseNotFoundError } from "../errors";

export async function getCourseBySlug(db: Database, slug: string) {
  const [course] = await db.select().from(courses).where(eq(courses.slug, slug)).limit(1);
  if (!course) throw new CourseNotFoundError(slug);
  return { ...course, steps: await courseStepsInOrder(db, course.id) };
}

/** A course's steps in the order they are run: what the timeline, the run record and a run's page need. */
export function courseStepsInOrder(db: Database, courseId: string) {
  return db
    .select({ position: courseSteps.position, type: courseSteps.type, durationSeconds: courseSteps.durationSeconds })
    .from(courseSteps)
    .where(eq(courseSteps.courseId, courseId))
    .orderBy(asc(courseSteps.position));
}
