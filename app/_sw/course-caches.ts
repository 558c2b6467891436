/**
 * Lookups in the per-course caches that the page's download manager fills. The worker only serves what a
 * runner chose to download: it never adds to these caches during browsing, so removing a course (one
 * `caches.delete`) really makes it unavailable offline.
 */
import { COURSE_CACHE_PREFIX } from "../_lib/offline/cache-names";

export async function courseCacheNames(): Promise<string[]> {
  return (await caches.keys()).filter((name) => name.startsWith(COURSE_CACHE_PREFIX));
}

/**
 * The stored response for a URL in any course cache. `ignoreVary`: the stored copy was fetched by the page,
 * a navigation asks with other headers, and the copy is plain (the download manager drops Vary anyway).
 */
export async function matchInCourseCaches(url: string): Promise<Response | undefined> {
  for (const name of await courseCacheNames()) {
    const response = await (await caches.open(name)).match(url, { ignoreVary: true });
    if (response) return response;
  }
  return undefined;
}
