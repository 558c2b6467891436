import type { Metadata } from "next";
import Link from "next/link";
import { DownloadedCourseList } from "./downloaded-course-list";

export const metadata: Metadata = { title: "Offline" };

/**
 * Shown by the service worker for a page that needs the network while there is none. Precached at install;
 * the list of downloaded courses is read from the Cache API in the browser.
 */
export default function OfflinePage() {
  return (
    <>
      <h1>You&apos;re offline — downloaded courses still work</h1>
      <p>This page needs a connection. Courses you downloaded play without one:</p>
      <DownloadedCourseList />
      <p>
        <Link href="/courses">All courses</Link> (needs a connection)
      </p>
    </>
  );
}
