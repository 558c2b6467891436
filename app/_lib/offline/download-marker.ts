/**
 * The record a finished download leaves in its course cache. It is written after every file, so a cache
 * without it is a download that stopped half-way ("partial").
 */
import type { Locale } from "@/domain/coaching/step-types";
import { isLocale } from "@/app/_i18n/locale";
import { DOWNLOAD_MARKER_PATH } from "./cache-names";

export interface DownloadMarker {
  slug: string;
  /** The language of the download that wrote this marker (and of the pages it stored). */
  locale: Locale;
  /**
   * Every language whose cues a download of this course stored (a runner who switched language adds the
   * other's; the music is shared). Markers from before languages were added name only `locale`.
   */
  locales: Locale[];
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
    if (!isLocale(value.locale)) return null;
    const locales = Array.isArray(value.locales) ? value.locales.filter(isLocale) : [value.locale];
    return { ...value, locales } as DownloadMarker;
  } catch {
    return null;
  }
}
