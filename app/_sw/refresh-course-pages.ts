/**
 * A downloaded course page is HTML that names the script chunks of the build it came from. When a new
 * worker activates, its precache holds the new build's chunks and the old ones are gone, so the stored
 * pages would show but no longer run offline. Re-fetching them at activation keeps them in step. Offline
 * or failing fetches leave the old copy: an inert page is still better than none.
 */
import { coursePagePath, slugFromCacheName } from "../_lib/offline/cache-names";
import { courseCacheNames } from "./course-caches";

export async function refreshCoursePages(): Promise<void> {
  await Promise.all(
    (await courseCacheNames()).map(async (cacheName) => {
      const slug = slugFromCacheName(cacheName);
      if (slug === null) return;
      const path = coursePagePath(slug);
      try {
        const response = await fetch(path, { credentials: "same-origin", headers: { Accept: "text/html" } });
        if (response.status !== 200 || response.redirected) return;
        const html = await response.text();
        await (await caches.open(cacheName)).put(path, new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } }));
      } catch {
        // Keep the stored copy.
      }
    }),
  );
}
