import type { Metadata } from "next";
import Link from "next/link";
import { getServerCaller } from "@/server/api/server-caller";
import { formatDuration } from "../_lib/format";

export const metadata: Metadata = { title: "Courses" };

export default async function CoursesPage() {
  const caller = await getServerCaller();
  const courses = await caller.courses.list();
  return (
    <>
      <h1>Courses</h1>
      {courses.length === 0 ? (
        <p className="notice">No courses yet. Run the seed (`npm run db:seed`) to add the catalog.</p>
      ) : (
        <ul className="card-list">
          {courses.map((course) => (
            <li key={course.id}>
              <Link className="card" href={`/courses/${course.slug}`}>
                <span className="card-title">
                  {course.titleEn} <span lang="ko">· {course.titleKo}</span>
                </span>
                <span className="meta" style={{ display: "block" }}>
                  {course.programTitleEn} · week {course.week}, session {course.session} · {formatDuration(course.totalSeconds)}{" "}
                  total, {formatDuration(course.runningSeconds)} running
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
