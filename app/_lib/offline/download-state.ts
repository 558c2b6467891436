/** What is downloaded: one course's state, the list for the offline page, and removal. */
import { courseCacheName, coursePagePaths, slugFromCacheName } from "./cache-names";
import { parseCourseManifest } from "./course-manifest";
import { browserDeps, type OfflineDeps } from "./deps";
import { readMarker, type DownloadMarker } from "./download-marker";

export type DownloadState = "none" | "complete" | "partial";

export interface DownloadedCourse extends DownloadMarker {
  state: DownloadState;
}

async function stateOfCache(cache: Cache, slug: string, marker: DownloadMarker | null): Promise<DownloadState> {
  if (!marker) return "partial";
  const manifestResponse = await cache.match(marker.manifestPath);
  if (!manifestResponse) return "partial";
  let urls: string[];
  try {
    const manifest = parseCourseManifest(await manifestResponse.json());
    if (manifest.version !== marker.version) return "partial";
    urls = [...manifest.files.map((file) => file.url), ...coursePagePaths(slug)];
  } catch {
    return "partial";
  }
  const present = await Promise.all(urls.map(async (url) => Boolean(await cache.match(url))));
  return present.every(Boolean) ? "complete" : "partial";
}

/**
 * "complete" when the marker, the manifest it names, every file of that manifest and the course's pages are all
 * in the course cache; "partial" when the cache exists without all of them (interrupted, or evicted in part).
 */
export async function getDownloadState(slug: string, deps: OfflineDeps = browserDeps()): Promise<DownloadState> {
  const cacheName = courseCacheName(slug);
  // `caches.open` would create an empty cache, so ask first.
  if (!(await deps.caches.has(cacheName))) return "none";
  const cache = await deps.caches.open(cacheName);
  return stateOfCache(cache, slug, await readMarker(cache));
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
