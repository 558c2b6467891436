/**
 * The page's one handle on the service worker (`@serwist/window`), registered once per page load. Only in
 * production builds: `next dev` has no built worker, and a stale public/sw.js would serve old pages.
 *
 * Update flow: a new worker waits (the worker never skips waiting by itself); when the runner accepts, the
 * page asks it to take over and reloads once it controls the page. Nothing here reloads on its own, and
 * there is no reload when the network comes back (it would end a run in progress).
 */
import { Serwist } from "@serwist/window";

const SW_URL = "/sw.js";

let instance: Serwist | null = null;
let registration: Promise<ServiceWorkerRegistration | undefined> | null = null;
let reloadWhenControlling = false;

export function serviceWorkerSupported(): boolean {
  return process.env.NODE_ENV === "production" && typeof window !== "undefined" && "serviceWorker" in navigator;
}

/** The shared instance; add listeners before calling `registerServiceWorker`. Null where unsupported. */
export function getServiceWorker(): Serwist | null {
  if (!serviceWorkerSupported()) return null;
  if (!instance) {
    instance = new Serwist(SW_URL, { scope: "/", type: "classic" });
    instance.addEventListener("controlling", () => {
      if (reloadWhenControlling) window.location.reload();
    });
  }
  return instance;
}

/**
 * Registers the worker once per page load. In development it instead removes a worker left by a production
 * build on the same origin, which would otherwise keep answering `next dev` pages from its precache.
 */
export function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
  const serwist = getServiceWorker();
  if (!serwist) {
    if (process.env.NODE_ENV !== "production" && typeof navigator !== "undefined" && "serviceWorker" in navigator) {
      void navigator.serviceWorker.getRegistrations().then((all) => Promise.all(all.map((stale) => stale.unregister())));
    }
    return Promise.resolve(undefined);
  }
  registration ??= serwist.register().catch((error: unknown) => {
    console.warn("service worker registration failed", error);
    return undefined;
  });
  return registration;
}

/** The runner chose to update: let the waiting worker take over, then reload into the new version. */
export function acceptUpdate(): void {
  const serwist = getServiceWorker();
  if (!serwist) return;
  reloadWhenControlling = true;
  serwist.messageSkipWaiting();
}
