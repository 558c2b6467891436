/** Read access to the course catalog. */
import { asc, eq } from "drizzle-orm";
import type { Database } from "../db";
import { courseSteps, courses } from "../db/schema";
import { CourseNotFoundError } from "../errors";

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
