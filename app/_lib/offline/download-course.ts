/**
 * Downloads a course for offline use into its own cache (`course-<slug>`): every media file of the manifest
 * as a whole 200 response (the Cache API refuses 206, so no Range header), the HTML of the course page and
 * of its run screen, the manifest, and last a marker. The service worker serves these when the network is gone.
 *
 * Files already in the cache are skipped (and not counted in the size or the progress), so a download that
 * failed on the network resumes and a second language fetches only its cues. A cancelled download and one the
 * browser refused for lack of space delete what they stored.
 */
import type { Locale } from "@/domain/coaching/step-types";
import { courseCacheName, courseManifestPath, coursePagePaths, DOWNLOAD_MARKER_PATH } from "./cache-names";
import { bytesToFetch, filesToFetch } from "@/domain/media/course-manifest";
import type { ManifestFile } from "./course-manifest";
import { browserDeps, type OfflineDeps } from "./deps";
import { markerResponse, readMarker, type DownloadMarker } from "./download-marker";
import { getCourseOffline, storedUrlsOf } from "./download-state";
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

/** Fetches and stores `files` (those not in the cache yet); progress counts only what is fetched. */
async function storeFiles(cache: Cache, files: readonly ManifestFile[], deps: OfflineDeps, options: DownloadOptions, stored: string[]): Promise<void> {
  const fileCount = files.length;
  const totalBytes = files.reduce((sum, file) => sum + file.bytes, 0);
  let doneBytes = 0;
  const report = (fileIndex: number, loadedBytes: number) =>
    options.onProgress?.({ loadedBytes: Math.min(loadedBytes, totalBytes), totalBytes, fileIndex, fileCount });

  for (const [index, file] of files.entries()) {
    options.signal?.throwIfAborted();
    const response = await fetchOk(deps, file.url, { signal: options.signal });
    let fileBytes = 0;
    const blob = await readWithProgress(response, (bytes) => {
      fileBytes += bytes;
      report(index + 1, doneBytes + Math.min(fileBytes, file.bytes));
    });
    await cache.put(file.url, storableResponse(blob, blob.type || "application/octet-stream"));
    stored.push(file.url);
    doneBytes += file.bytes;
    report(index + 1, doneBytes);
  }
  if (fileCount === 0) report(0, 0);
}

/** Fetches the course page and the run screen (stored by the caller, together with the marker); the title from the course page. */
async function fetchPages(slug: string, deps: OfflineDeps, signal?: AbortSignal): Promise<{ pages: [string, Response][]; title: string }> {
  let title = slug;
  const pages: [string, Response][] = [];
  for (const [index, path] of coursePagePaths(slug).entries()) {
    const response = await fetchOk(deps, path, { signal, credentials: "same-origin", headers: { Accept: "text/html" } });
    const html = await response.text();
    pages.push([path, storableResponse(html, "text/html; charset=utf-8", pagePolicyOf(response))]);
    if (index === 0) title = titleFromPageHtml(html, slug);
  }
  return { pages, title };
}

/**
 * Downloads (or resumes) a course in one language; resolves with the marker once everything is stored.
 * When the course is already offline in another language (the runner switched), this adds the language: the
 * files already kept (the music, shared cues) are not fetched again, the pages are replaced by this language's
 * only at the end, and a cancelled or refused attempt removes only what it added, so the other language stays
 * offline.
 */
export async function downloadCourse(slug: string, locale: Locale, options: DownloadOptions = {}): Promise<DownloadMarker> {
  const deps = options.deps ?? browserDeps();
  const { signal } = options;
  const cacheName = courseCacheName(slug);
  const added: string[] = [];
  let keptOffline = false;
  try {
    const manifest = await fetchCourseManifest(slug, locale, { signal, deps });
    const before = await getCourseOffline(slug, locale, deps);
    const storedUrls = await storedUrlsOf(slug, manifest, deps);
    await ensureRoomFor(bytesToFetch(manifest, storedUrls), deps.storage);
    await requestPersistence(deps.storage);

    const cache = await deps.caches.open(cacheName);
    const previous = await readMarker(cache);
    keptOffline = before.kind === "other-language";
    // Until the end, a cache with nothing usable offline is a partial download.
    if (!keptOffline) await cache.delete(DOWNLOAD_MARKER_PATH);
    await storeFiles(cache, filesToFetch(manifest, storedUrls), deps, options, added);
    const manifestPath = courseManifestPath(slug, locale);
    await cache.put(manifestPath, storableResponse(JSON.stringify(manifest), "application/json"));
    added.push(manifestPath);
    const { pages, title } = await fetchPages(slug, deps, signal);
    signal?.throwIfAborted();

    for (const [path, response] of pages) await cache.put(path, response);
    const marker: DownloadMarker = {
      slug,
      locale,
      locales: [...new Set([...(keptOffline && previous ? previous.locales : []), locale])],
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
    const abort = isAbort(error, signal);
    if (abort || isQuotaExceeded(error)) {
      if (keptOffline) {
        const cache = await deps.caches.open(cacheName);
        await Promise.all(added.map((url) => cache.delete(url)));
      } else {
        await deps.caches.delete(cacheName);
      }
      throw abort ? new DownloadAbortedError() : new StorageFullError({ cause: error });
    }
    throw error;
  }
}
