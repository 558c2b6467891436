/**
 * The service worker, built by `serwist build` (after `next build`) into public/sw.js. It precaches the app
 * shell (the build's static chunks, public/ and the offline page) and routes course media, course data
 * and navigations to the per-course caches that the download manager fills (see app/_sw/), and uploads the
 * outbox when Background Sync fires (app/_sw/outbox-sync.ts), so a run finished offline goes up after its
 * tab is closed.
 *
 * Updates wait: a new worker stays "waiting" until the page asks it to take over (the update prompt), so a
 * run in progress is never reloaded under the runner.
 */
import { Serwist, type PrecacheEntry, type SerwistGlobalConfig } from "serwist";
import { listenForOutboxSync } from "./_sw/outbox-sync";
import { refreshCoursePages } from "./_sw/refresh-course-pages";
import { appRuntimeCaching } from "./_sw/runtime-caching";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

/** Precached at install (see serwist.config.js); shown for a navigation that has no network and no download. */
const OFFLINE_PAGE = "/~offline";

const serwist: Serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: false,
  // The first worker takes control at once, so a course can be downloaded and used offline in the first
  // visit; later workers only activate when the page sends SKIP_WAITING, and then claiming is what we want.
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: appRuntimeCaching({ offlinePage: () => serwist.matchPrecache(OFFLINE_PAGE) }),
});

self.addEventListener("activate", (event) => event.waitUntil(refreshCoursePages()));
listenForOutboxSync();

serwist.addEventListeners();
