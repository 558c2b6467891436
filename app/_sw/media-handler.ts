/**
 * `/media/*` (course audio, content-hashed and immutable): served from a course cache when downloaded,
 * sliced to the asked byte range, because `<audio>` always asks with `Range` and cannot seek without a 206.
 * Files that are not downloaded go to the network untouched (the media route answers ranges itself) and are
 * not stored: a course is downloaded on purpose, not by listening to a preview.
 */
import { createPartialResponse, type RouteHandlerCallback } from "serwist";
import { matchInCourseCaches } from "./course-caches";

export const serveMedia: RouteHandlerCallback = async ({ request }) => {
  const cached = await matchInCourseCaches(request.url);
  if (!cached) return fetch(request);
  return request.headers.has("Range") ? createPartialResponse(request, cached) : cached;
};
