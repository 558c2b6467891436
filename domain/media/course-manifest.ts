/**
 * The download manifest of a course, as `GET /api/courses/<slug>/manifest?locale=` sends it: every file the
 * course needs in one language, with its exact size. Shared by the server that builds it and the browser
 * that downloads and plays from it.
 */
import type { Locale } from "../coaching/step-types";

export type MediaKind = "voice" | "music";

export interface ManifestFile {
  /** Same-origin path under `/media/`, content-hashed, so a URL never changes meaning. */
  url: string;
  bytes: number;
  kind: MediaKind;
  /** The cue key (`step-run-90`, `halfway`) or music track id the file plays. */
  key: string;
}

export interface CourseManifest {
  slug: string;
  locale: Locale;
  /** Changes whenever any file changes, so a stored download can tell it is out of date. */
  version: string;
  totalBytes: number;
  files: ManifestFile[];
}

/** A file's key from its URL (`/media/voice/en/step-run-60.ab12cd34.mp3` → `step-run-60`). */
export function keyFromMediaUrl(url: string): string {
  return url.slice(url.lastIndexOf("/") + 1).split(".")[0]!;
}

/** The files of a manifest that are not stored yet (by URL), in the manifest's order: what a download fetches. */
export function filesToFetch(manifest: CourseManifest, storedUrls: ReadonlySet<string>): ManifestFile[] {
  return manifest.files.filter((file) => !storedUrls.has(file.url));
}

/**
 * The bytes a download of this manifest fetches now: its files not yet stored. A first download is the
 * manifest's total; adding a second language skips the music and any cue already kept, and resuming skips
 * what arrived before the connection dropped. This is the size the panel shows before the download.
 */
export function bytesToFetch(manifest: CourseManifest, storedUrls: ReadonlySet<string>): number {
  return filesToFetch(manifest, storedUrls).reduce((sum, file) => sum + file.bytes, 0);
}

/** What a course's cache holds, as the download state reads it. */
export interface StoredCourse {
  /** Whether the course has a cache at all (a download started). */
  cached: boolean;
  /** Whether the "download finished" marker is there. */
  finished: boolean;
  /** The language of the stored pages (their `<html lang>`): the language the run screen speaks offline. */
  pagesLocale: Locale | null;
  /** The languages whose manifest and every file of it are stored. */
  completeLocales: readonly Locale[];
}

/**
 * The course's offline state for a runner whose language is `current`:
 * - `complete`: offline the run screen is in `current` and every cue it will speak is stored;
 * - `other-language`: a finished download works offline, but in `offlineLocale` (its pages, its cues);
 * - `partial`: a download started and is not usable (interrupted, or evicted in part);
 * - `none`: nothing stored.
 * A stored course never says "available offline" for a language whose cues it lacks.
 */
export type OfflineState =
  | { kind: "none" }
  | { kind: "partial" }
  | { kind: "complete" }
  | { kind: "other-language"; offlineLocale: Locale };

export function offlineStateFor(stored: StoredCourse, current: Locale): OfflineState {
  if (!stored.cached) return { kind: "none" };
  const offline = stored.finished && stored.pagesLocale !== null && stored.completeLocales.includes(stored.pagesLocale) ? stored.pagesLocale : null;
  if (offline === current) return { kind: "complete" };
  if (offline !== null) return { kind: "other-language", offlineLocale: offline };
  return { kind: "partial" };
}
