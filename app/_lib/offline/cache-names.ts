/**
 * Names and URLs that the page (download manager) and the service worker must agree on. One Cache API cache
 * per course keeps removal a single `caches.delete` and lets the worker tell downloaded courses apart from
 * its own precache.
 */
import type { Locale } from "@/domain/coaching/step-types";

export const COURSE_CACHE_PREFIX = "course-";

/**
 * Where each course cache keeps its "download finished" marker. Written last, so its presence means every
 * file was stored. No route answers this path, so a navigation can never hit it.
 */
export const DOWNLOAD_MARKER_PATH = "/_offline/download.json";

/** The media files of every course live under this path (served by `app/media/[...path]/route.ts`). */
export const MEDIA_PATH_PREFIX = "/media/";

export function courseCacheName(slug: string): string {
  return `${COURSE_CACHE_PREFIX}${slug}`;
}

export function slugFromCacheName(cacheName: string): string | null {
  return cacheName.startsWith(COURSE_CACHE_PREFIX) ? cacheName.slice(COURSE_CACHE_PREFIX.length) : null;
}

export function coursePagePath(slug: string): string {
  return `/courses/${encodeURIComponent(slug)}`;
}

/** The run screen of a course (its steps, manifest and labels are in the HTML, so a stored copy runs offline). */
export function courseRunPagePath(slug: string): string {
  return `${coursePagePath(slug)}/run`;
}

/** Every page a download stores: the course page first (its title names the download), then the run screen. */
export function coursePagePaths(slug: string): string[] {
  return [coursePagePath(slug), courseRunPagePath(slug)];
}

export function courseManifestPath(slug: string, locale: Locale): string {
  return `/api/courses/${encodeURIComponent(slug)}/manifest?locale=${locale}`;
}
