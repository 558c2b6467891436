/**
 * Loads a course's manifest: from the network, and when that fails, from the course's own cache (a
 * downloaded course works offline even before the service worker controls the page).
 */
import type { Locale } from "@/domain/coaching/step-types";
import { courseCacheName, courseManifestPath } from "./cache-names";
import { parseCourseManifest, type CourseManifest } from "./course-manifest";
import { browserDeps, type OfflineDeps } from "./deps";
import { DownloadFailedError } from "./errors";

export async function fetchCourseManifest(
  slug: string,
  locale: Locale,
  { signal, deps = browserDeps() }: { signal?: AbortSignal; deps?: OfflineDeps } = {},
): Promise<CourseManifest> {
  const path = courseManifestPath(slug, locale);
  let failure: DownloadFailedError;
  try {
    const response = await deps.fetch(path, { signal });
    if (response.ok) return parseCourseManifest(await response.json());
    failure = new DownloadFailedError(path, response.status);
  } catch (error) {
    if (signal?.aborted) throw error;
    failure = new DownloadFailedError(path, null, { cause: error });
  }
  const cacheName = courseCacheName(slug);
  if (await deps.caches.has(cacheName)) {
    const cached = await (await deps.caches.open(cacheName)).match(path);
    if (cached) return parseCourseManifest(await cached.json());
  }
  throw failure;
}
