/**
 * What a device must download to run one course offline in one language: the spoken cue for the start of
 * each of its steps, every fixed cue (countdown, halfway, pause…), and the music tracks, each with its exact
 * size so the page can show the download size and check storage first. `version` changes whenever any
 * listed file does (names carry content hashes), so a client holding an older copy can tell it is stale.
 */
import { createHash } from "node:crypto";
import { FIXED_CUES, stepCueKey } from "@/domain/coaching/cues";
import type { Locale, StepType } from "@/domain/coaching/step-types";
import type { CourseManifest, ManifestFile } from "@/domain/media/course-manifest";
import { musicTracks, voiceCueFile, type MediaIndex } from "./media-index";

/** URL prefix under which app/media/[...path]/route.ts serves the files of `media/`. */
export const MEDIA_URL_PREFIX = "/media/";
const VERSION_LENGTH = 12;

export interface ManifestCourse {
  slug: string;
  steps: readonly { type: StepType; durationSeconds: number }[];
}

export type { CourseManifest, ManifestFile } from "@/domain/media/course-manifest";

/** Thrown when a course needs a cue that has no recording: run `npm run audio:generate`. */
export class MissingCueAudioError extends Error {
  constructor(slug: string, locale: Locale, cueKey: string) {
    super(`Course ${slug} needs cue ${cueKey} in ${locale}, which media/index.json does not list; run npm run audio:generate`);
  }
}

/** The cue keys a course plays, in the order it first needs them: its steps' cues, then the fixed cues. */
export function courseCueKeys(course: ManifestCourse): string[] {
  return [...new Set([...course.steps.map((step) => stepCueKey(step.type, step.durationSeconds)), ...FIXED_CUES])];
}

export function buildCourseManifest(course: ManifestCourse, locale: Locale, index: MediaIndex): CourseManifest {
  const voice = courseCueKeys(course).map((key): ManifestFile => {
    const entry = voiceCueFile(index, locale, key);
    if (!entry) throw new MissingCueAudioError(course.slug, locale, key);
    return { url: MEDIA_URL_PREFIX + entry.file, bytes: entry.bytes, kind: "voice", key };
  });
  const music = musicTracks(index).map((track): ManifestFile => ({ url: MEDIA_URL_PREFIX + track.file, bytes: track.bytes, kind: "music", key: track.id }));
  const files = [...voice, ...music];
  const version = createHash("sha256")
    .update(files.map((file) => `${file.url} ${file.bytes}`).join("\n"))
    .digest("hex")
    .slice(0, VERSION_LENGTH);
  return { slug: course.slug, locale, version, totalBytes: files.reduce((sum, file) => sum + file.bytes, 0), files };
}
