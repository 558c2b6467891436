/**
 * The record a finished download leaves in its course cache. It is written after every file, so a cache
 * without it is a download that stopped half-way ("partial").
 */
import type { Locale } from "@/domain/coaching/step-types";
import { DOWNLOAD_MARKER_PATH } from "./cache-names";

export interface DownloadMarker {
  slug: string;
  locale: Locale;
  /** The manifest version that was downloaded. */
  version: string;
  /** The course title as the stored page shows it, for lists of downloaded courses while offline. */
  title: string;
  totalBytes: number;
  fileCount: number;
  /** The manifest URL (with its locale) whose answer is stored in the same cache. */
  manifestPath: string;
  downloadedAt: string;
}

export function markerResponse(marker: DownloadMarker): Response {
  return new Response(JSON.stringify(marker), { headers: { "Content-Type": "application/json" } });
}

export async function readMarker(cache: Cache): Promise<DownloadMarker | null> {
  const response = await cache.match(DOWNLOAD_MARKER_PATH);
  if (!response) return null;
  try {
    const value = (await response.json()) as Partial<DownloadMarker>;
    if (typeof value.slug !== "string" || typeof value.version !== "string" || typeof value.manifestPath !== "string") return null;
    return value as DownloadMarker;
  } catch {
    return null;
  }
}
