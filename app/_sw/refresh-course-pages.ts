/**
 * A downloaded course page, like its run screen, is HTML that names the script chunks of the build it came
 * from. When a new worker activates, its precache holds the new build's chunks and the old ones are gone, so
 * the stored pages would show but no longer run offline. Re-fetching them at activation keeps them in step. Offline
 * or failing fetches leave the old copy: an inert page is still better than none. So does a page that comes
 * back in another language than the stored one (the runner switched since the download).
 */
import { coursePagePaths, slugFromCacheName } from "../_lib/offline/cache-names";
import { pageLocaleOf } from "../_lib/offline/page-locale";
import { pagePolicyOf } from "../_lib/offline/page-policy";
import { courseCacheNames } from "./course-caches";

export async function refreshCoursePages(): Promise<void> {
  await Promise.all(
    (await courseCacheNames()).map(async (cacheName) => {
      const slug = slugFromCacheName(cacheName);
      if (slug === null) return;
      await Promise.all(coursePagePaths(slug).map((path) => refreshPage(cacheName, path)));
    }),
  );
}

async function refreshPage(cacheName: string, path: string): Promise<void> {
  try {
    const cache = await caches.open(cacheName);
    const stored = await cache.match(path);
    const response = await fetch(path, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (response.status !== 200 || response.redirected) return;
    const html = await response.text();
    // The fetch speaks the runner's current language; the download kept the cues of the stored page's. A page
    // in another language would name cues that are not stored, so it waits for the runner to download them.
    if (stored && pageLocaleOf(html) !== pageLocaleOf(await stored.text())) return;
    await cache.put(path, new Response(html, { headers: { ...pagePolicyOf(response), "Content-Type": "text/html; charset=utf-8" } }));
  } catch {
    // Keep the stored copy.
  }
}
