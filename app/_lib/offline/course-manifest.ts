/**
 * The list of media files a course needs, as `GET /api/courses/<slug>/manifest?locale=` returns it. Parsed by
 * hand (not zod) to keep the client bundle small; a malformed answer is refused with a message naming the field.
 */
import { keyFromMediaUrl, type CourseManifest, type ManifestFile } from "@/domain/media/course-manifest";
import { MEDIA_PATH_PREFIX } from "./cache-names";

export type { CourseManifest, ManifestFile, MediaKind } from "@/domain/media/course-manifest";

export class InvalidManifestError extends Error {
  readonly code = "INVALID_MANIFEST" as const;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isByteCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function parseFile(value: unknown, index: number): ManifestFile {
  const where = `files.${index}`;
  if (!isRecord(value)) throw new InvalidManifestError(`${where}: expected an object`);
  const { url, bytes, kind, key } = value;
  if (typeof url !== "string" || !url.startsWith(MEDIA_PATH_PREFIX)) {
    throw new InvalidManifestError(`${where}.url: expected a path under ${MEDIA_PATH_PREFIX}`);
  }
  if (!isByteCount(bytes)) throw new InvalidManifestError(`${where}.bytes: expected a whole number ≥ 0`);
  if (kind !== "voice" && kind !== "music") throw new InvalidManifestError(`${where}.kind: expected "voice" or "music"`);
  if (key !== undefined && typeof key !== "string") throw new InvalidManifestError(`${where}.key: expected a string`);
  // Manifests from before cue keys were added carry none: the key is then the file name.
  return { url, bytes, kind, key: key ?? keyFromMediaUrl(url) };
}

export function parseCourseManifest(value: unknown): CourseManifest {
  if (!isRecord(value)) throw new InvalidManifestError("expected an object");
  const { slug, locale, version, totalBytes, files } = value;
  if (typeof slug !== "string" || slug === "") throw new InvalidManifestError("slug: expected a string");
  if (locale !== "en" && locale !== "ko") throw new InvalidManifestError(`locale: expected "en" or "ko"`);
  if (typeof version !== "string" || version === "") throw new InvalidManifestError("version: expected a string");
  if (!isByteCount(totalBytes)) throw new InvalidManifestError("totalBytes: expected a whole number ≥ 0");
  if (!Array.isArray(files)) throw new InvalidManifestError("files: expected an array");
  return { slug, locale, version, totalBytes, files: files.map(parseFile) };
}

/** The file's key, or else its name without hash and extension (`/media/voice/en/step-run-60.ab12cd34.mp3`). */
export function fileKey(file: ManifestFile): string {
  return file.key;
}

/** The voice file for a cue key, e.g. `step-run-60`. */
export function findVoiceCue(manifest: CourseManifest, cueKey: string): ManifestFile | undefined {
  return manifest.files.find((file) => file.kind === "voice" && fileKey(file) === cueKey);
}
