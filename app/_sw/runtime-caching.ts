/**
 * The app's own routes, in the order the worker tries them (the precache route comes before all of them).
 * There is deliberately no catch-all default cache: what is not listed here goes to the network as if
 * there were no worker, so nothing personal is kept and "available offline" means exactly "downloaded".
 */
import { NetworkOnly, type RuntimeCaching } from "serwist";
import { MEDIA_PATH_PREFIX } from "../_lib/offline/cache-names";
import { serveMedia } from "./media-handler";
import { networkFirstThenCourseCache } from "./network-first";

/** A navigation waits this long for the server before a downloaded copy is shown. */
const NAVIGATION_TIMEOUT_MS = 3_000;
/** A manifest or course-data request waits this long before the downloaded copy answers. */
const COURSE_DATA_TIMEOUT_MS = 4_000;

/** Paths that must always reach the server: sessions, mutations and health must never be answered from a cache. */
const NEVER_CACHED = /^\/api\/(auth|trpc|health)(\/|$)/;
/** Course manifests (and any other course data the API grows) are stored in a course cache at download. */
const COURSE_DATA = /^\/api\/courses\//;

function offlineJson(): Promise<Response> {
  return Promise.resolve(
    Response.json({ error: "offline", message: "You're offline and this course is not downloaded." }, { status: 503 }),
  );
}

export function appRuntimeCaching({ offlinePage }: { offlinePage: () => Promise<Response | undefined> }): RuntimeCaching[] {
  return [
    {
      // Only GET is routed at all; POST (tRPC mutations, sign-in) never reaches a route. GET is listed so a
      // later catch-all can never pick up these paths.
      matcher: ({ sameOrigin, url }) => sameOrigin && NEVER_CACHED.test(url.pathname),
      handler: new NetworkOnly(),
    },
    {
      matcher: ({ sameOrigin, url }) => sameOrigin && url.pathname.startsWith(MEDIA_PATH_PREFIX),
      handler: serveMedia,
    },
    {
      matcher: ({ sameOrigin, url }) => sameOrigin && COURSE_DATA.test(url.pathname),
      handler: networkFirstThenCourseCache({ timeoutMs: COURSE_DATA_TIMEOUT_MS, fallback: offlineJson }),
    },
    {
      matcher: ({ request, sameOrigin }) => sameOrigin && request.mode === "navigate",
      handler: networkFirstThenCourseCache({
        timeoutMs: NAVIGATION_TIMEOUT_MS,
        fallback: async () => (await offlinePage()) ?? Response.error(),
      }),
    },
  ];
}
