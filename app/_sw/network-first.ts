/**
 * Network first with a short wait, then the downloaded copy, then a fallback. Unlike serwist's NetworkFirst
 * it reads the per-course caches (any of them) and stores nothing itself. When the wait runs out and
 * nothing is stored, it keeps waiting for the network: a slow answer beats an offline page.
 */
import type { RouteHandlerCallback } from "serwist";
import { matchInCourseCaches } from "./course-caches";

const TIMED_OUT = Symbol("timed out");
const FAILED = Symbol("failed");

function wait(ms: number): Promise<typeof TIMED_OUT> {
  return new Promise((resolve) => setTimeout(() => resolve(TIMED_OUT), ms));
}

export interface NetworkFirstOptions {
  timeoutMs: number;
  /** Answer when neither the network nor a course cache has one. */
  fallback: (request: Request) => Promise<Response>;
}

export function networkFirstThenCourseCache({ timeoutMs, fallback }: NetworkFirstOptions): RouteHandlerCallback {
  return async ({ request }) => {
    const network = fetch(request);
    const first = await Promise.race([network.catch(() => FAILED), wait(timeoutMs)]);
    // A server error while a copy is stored: prefer the copy (e.g. the app is being redeployed).
    if (first instanceof Response && first.status < 500) return first;

    const cached = await matchInCourseCaches(request.url);
    if (cached) return cached;
    if (first instanceof Response) return first;
    if (first === TIMED_OUT) {
      try {
        return await network;
      } catch {
        // fall through to the fallback
      }
    }
    return fallback(request);
  };
}
