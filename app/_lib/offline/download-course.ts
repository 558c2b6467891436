/**
 * Downloads a course for offline use into its own cache (`course-<slug>`): every media file of the manifest
 * as a whole 200 response (the Cache API refuses 206, so no Range header), the HTML of the course page and
 * of its run screen, the manifest, and last a marker. The service worker serves these when the network is gone.
 *
 * Files already in the cache are skipped, so a download that failed on the network resumes. A cancelled
 * download and one the browser refused for lack of space delete what they stored.
 */
import type { Locale } from "@/domain/coaching/step-types";
import { courseCacheName, courseManifestPath, coursePagePaths, DOWNLOAD_MARKER_PATH } from "./cache-names";
import type { CourseManifest } from "./course-manifest";
import { browserDeps, type OfflineDeps } from "./deps";
import { markerResponse, type DownloadMarker } from "./download-marker";
import { DownloadAbortedError, DownloadFailedError, isAbort, isQuotaExceeded, StorageFullError } from "./errors";
import { fetchCourseManifest } from "./fetch-manifest";
import { titleFromPageHtml } from "./page-title";
import { pagePolicyOf } from "./page-policy";
import { readWithProgress } from "./read-with-progress";
import { ensureRoomFor, requestPersistence } from "./storage";

export interface DownloadProgress {
  loadedBytes: number;
  totalBytes: number;
  /** 1-based index of the file being downloaded (equals fileCount when done). */
  fileIndex: number;
  fileCount: number;
}

export interface DownloadOptions {
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  deps?: OfflineDeps;
}

/** Copies a response into a plain 200 (no redirect flag, no Vary), which the worker can serve for any request. */
function storableResponse(body: Blob | string, contentType: string, extra?: HeadersInit): Response {
  const size = typeof body === "string" ? new TextEncoder().encode(body).byteLength : body.size;
  const headers = new Headers(extra);
  headers.set("Content-Type", contentType);
  headers.set("Content-Length", String(size));
  return new Response(body, { status: 200, headers });
}

async function fetchOk(deps: OfflineDeps, url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await deps.fetch(url, init);
  } catch (error) {
    if (isAbort(error, init.signal ?? undefined)) throw error;
    throw new DownloadFailedError(url, null, { cause: error });
  }
  if (response.status !== 200) throw new DownloadFailedError(url, response.status);
  return response;
}

async function storeFiles(cache: Cache, manifest: CourseManifest, deps: OfflineDeps, options: DownloadOptions): Promise<void> {
  const fileCount = manifest.files.length;
  let doneBytes = 0;
  const report = (fileIndex: number, loadedBytes: number) =>
    options.onProgress?.({ loadedBytes: Math.min(loadedBytes, manifest.totalBytes), totalBytes: manifest.totalBytes, fileIndex, fileCount });

  for (const [index, file] of manifest.files.entries()) {
    options.signal?.throwIfAborted();
    if (!(await cache.match(file.url))) {
      const response = await fetchOk(deps, file.url, { signal: options.signal });
      let fileBytes = 0;
      const blob = await readWithProgress(response, (bytes) => {
        fileBytes += bytes;
        report(index + 1, doneBytes + Math.min(fileBytes, file.bytes));
      });
      await cache.put(file.url, storableResponse(blob, blob.type || "application/octet-stream"));
    }
    doneBytes += file.bytes;
    report(index + 1, doneBytes);
  }
  if (fileCount === 0) report(0, 0);
}

/** Stores the course page and the run screen; returns the title from the course page. */
async function storePages(cache: Cache, slug: string, deps: OfflineDeps, signal?: AbortSignal): Promise<string> {
  let title = slug;
  for (const [index, path] of coursePagePaths(slug).entries()) {
    const response = await fetchOk(deps, path, { signal, credentials: "same-origin", headers: { Accept: "text/html" } });
    const html = await response.text();
    await cache.put(path, storableResponse(html, "text/html; charset=utf-8", pagePolicyOf(response)));
    if (index === 0) title = titleFromPageHtml(html, slug);
  }
  return title;
}

/** Downloads (or resumes) a course; resolves with the marker once everything is stored. */
export async function downloadCourse(slug: string, locale: Locale, options: DownloadOptions = {}): Promise<DownloadMarker> {
  const deps = options.deps ?? browserDeps();
  const { signal } = options;
  const cacheName = courseCacheName(slug);
  try {
    const manifest = await fetchCourseManifest(slug, locale, { signal, deps });
    await ensureRoomFor(manifest.totalBytes, deps.storage);
    await requestPersistence(deps.storage);

    const cache = await deps.caches.open(cacheName);
    await cache.delete(DOWNLOAD_MARKER_PATH); // Until the end, this cache is a partial download.
    await storeFiles(cache, manifest, deps, options);
    const title = await storePages(cache, slug, deps, signal);
    const manifestPath = courseManifestPath(slug, locale);
    await cache.put(manifestPath, storableResponse(JSON.stringify(manifest), "application/json"));
    signal?.throwIfAborted();

    const marker: DownloadMarker = {
      slug,
      locale,
      version: manifest.version,
      title,
      totalBytes: manifest.totalBytes,
      fileCount: manifest.files.length,
      manifestPath,
      downloadedAt: new Date().toISOString(),
    };
    await cache.put(DOWNLOAD_MARKER_PATH, markerResponse(marker));
    return marker;
  } catch (error) {
    if (isAbort(error, signal)) {
      await deps.caches.delete(cacheName);
      throw new DownloadAbortedError();
    }
    if (isQuotaExceeded(error)) {
      await deps.caches.delete(cacheName);
      throw new StorageFullError({ cause: error });
    }
    throw error;
  }
}
