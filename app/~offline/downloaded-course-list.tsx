"use client";
/** The courses stored for offline use, as links; read from the Cache API, so it works without a network. */
import { useEffect, useState } from "react";
import { listDownloadedCourses, type DownloadedCourse } from "../_lib/offline";
import { coursePagePath } from "../_lib/offline/cache-names";

export function DownloadedCourseList() {
  const [courses, setCourses] = useState<DownloadedCourse[] | null>(null);

  useEffect(() => {
    listDownloadedCourses()
      .then((all) => setCourses(all.filter((course) => course.state === "complete")))
      .catch(() => setCourses([]));
  }, []);

  if (courses === null) return <p className="meta">Looking for downloaded courses…</p>;
  if (courses.length === 0) return <p className="notice">No course is downloaded on this device yet.</p>;
  return (
    <ul className="card-list">
      {courses.map((course) => (
        <li key={course.slug}>
          {/* A plain link: a full navigation, which the service worker answers from the course's cache. */}
          <a className="card" href={coursePagePath(course.slug)}>
            <span className="card-title">{course.title}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
