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
