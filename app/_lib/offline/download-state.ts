/**
 * What is downloaded: one course's state (for the runner's language, or for any), the list for the offline
 * page, and removal. A course cache may hold the cues of several languages but one copy of its pages, so
 * "available offline" is said for the language those pages are in, and only with every cue they name
 * (domain/media/course-manifest.ts, `offlineStateFor`).
 */
import type { Locale } from "@/domain/coaching/step-types";
import { LOCALES } from "@/domain/coaching/step-types";
import { offlineStateFor, type OfflineState, type StoredCourse } from "@/domain/media/course-manifest";
import { courseCacheName, courseManifestPath, courseRunPagePath, coursePagePaths, slugFromCacheName } from "./cache-names";
import { parseCourseManifest, type CourseManifest } from "./course-manifest";
import { browserDeps, type OfflineDeps } from "./deps";
import { readMarker, type DownloadMarker } from "./download-marker";
import { pageLocaleOf } from "./page-locale";

export type DownloadState = "none" | "complete" | "partial";

export interface DownloadedCourse extends DownloadMarker {
  state: DownloadState;
}

async function storedManifest(cache: Cache, slug: string, locale: Locale): Promise<CourseManifest | null> {
  const response = await cache.match(courseManifestPath(slug, locale));
  if (!response) return null;
  try {
    return parseCourseManifest(await response.json());
  } catch {
    return null;
  }
}

async function presentUrls(cache: Cache, manifest: CourseManifest): Promise<Set<string>> {
  const present = await Promise.all(manifest.files.map(async (file) => ((await cache.match(file.url)) ? file.url : null)));
  return new Set(present.filter((url) => url !== null));
}

/** Which of a manifest's files the course's cache already holds: what a download of it would not fetch. */
export async function storedUrlsOf(slug: string, manifest: CourseManifest, deps: OfflineDeps = browserDeps()): Promise<Set<string>> {
  const cacheName = courseCacheName(slug);
  if (!(await deps.caches.has(cacheName))) return new Set();
  return presentUrls(await deps.caches.open(cacheName), manifest);
}

async function readStored(cache: Cache, slug: string, marker: DownloadMarker | null): Promise<StoredCourse> {
  const completeLocales: Locale[] = [];
  for (const locale of LOCALES) {
    const manifest = await storedManifest(cache, slug, locale);
    if (!manifest || !marker?.locales.includes(locale)) continue;
    if ((await presentUrls(cache, manifest)).size === manifest.files.length) completeLocales.push(locale);
  }
  const pages = await Promise.all(coursePagePaths(slug).map((path) => cache.match(path)));
  let pagesLocale: Locale | null = null;
  if (pages.every(Boolean)) {
    const runPage = pages[coursePagePaths(slug).indexOf(courseRunPagePath(slug))]!;
    // A page without a readable language is taken to be in the language it was downloaded in.
    pagesLocale = pageLocaleOf(await runPage.text()) ?? marker?.locale ?? null;
  }
  return { cached: true, finished: marker !== null, pagesLocale, completeLocales };
}

/** The course's offline state for a runner reading in `locale`. */
export async function getCourseOffline(slug: string, locale: Locale, deps: OfflineDeps = browserDeps()): Promise<OfflineState> {
  const cacheName = courseCacheName(slug);
  // `caches.open` would create an empty cache, so ask first.
  if (!(await deps.caches.has(cacheName))) return { kind: "none" };
  const cache = await deps.caches.open(cacheName);
  return offlineStateFor(await readStored(cache, slug, await readMarker(cache)), locale);
}

/** "complete" when the course works offline in `locale`, or in any language when none is given. */
async function stateOfCache(cache: Cache, slug: string, marker: DownloadMarker | null, locale?: Locale): Promise<DownloadState> {
  const stored = await readStored(cache, slug, marker);
  const asked = locale ?? stored.pagesLocale;
  return asked !== null && offlineStateFor(stored, asked).kind === "complete" ? "complete" : "partial";
}

/**
 * "complete" when a finished download's pages and every cue they name are in the course cache (in `locale`
 * when given: the run screen asks for the language it speaks); "partial" when the cache exists without all
 * of them (interrupted, or evicted in part); "none" without a cache.
 */
export async function getDownloadState(slug: string, deps: OfflineDeps = browserDeps(), locale?: Locale): Promise<DownloadState> {
  const cacheName = courseCacheName(slug);
  if (!(await deps.caches.has(cacheName))) return "none";
  const cache = await deps.caches.open(cacheName);
  return stateOfCache(cache, slug, await readMarker(cache), locale);
}

export async function removeCourse(slug: string, deps: OfflineDeps = browserDeps()): Promise<void> {
  await deps.caches.delete(courseCacheName(slug));
}

/** Every course with a finished download marker, newest first, with its current state. */
export async function listDownloadedCourses(deps: OfflineDeps = browserDeps()): Promise<DownloadedCourse[]> {
  const courses: DownloadedCourse[] = [];
  for (const cacheName of await deps.caches.keys()) {
    const slug = slugFromCacheName(cacheName);
    if (slug === null) continue;
    const cache = await deps.caches.open(cacheName);
    const marker = await readMarker(cache);
    if (!marker) continue;
    courses.push({ ...marker, state: await stateOfCache(cache, slug, marker) });
  }
  return courses.sort((a, b) => b.downloadedAt.localeCompare(a.downloadedAt));
}
