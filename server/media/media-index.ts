/**
 * The catalog of generated audio (`media/index.json`, written by scripts/audio/generate-audio.ts): which
 * file speaks which cue in which language, and the music tracks. It is read and validated once; it is also
 * the allow-list of what `/media/*` may serve, so nothing else on disk can be reached through that route.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { LOCALES, type Locale } from "@/domain/coaching/step-types";

export const MEDIA_DIR_NAME = "media";
export const MEDIA_INDEX_FILE = "index.json";

/** `voice/<locale>/<key>.<hash8>.mp3` or `music/<id>.<hash8>.mp3`: no dots, slashes or case tricks besides these. */
export const MEDIA_FILE_PATTERN = /^(?:voice\/(?:en|ko)|music)\/[a-z0-9]+(?:-[a-z0-9]+)*\.[0-9a-f]{8}\.mp3$/;
const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const mediaFile = z.string().regex(MEDIA_FILE_PATTERN, "must be voice/<locale>/<key>.<hash8>.mp3 or music/<id>.<hash8>.mp3");
const byteCount = z.number().int().positive();

const voiceEntrySchema = z.object({ file: mediaFile, bytes: byteCount, text: z.string().min(1) });

const musicTrackSchema = z.object({
  id: z.string().regex(KEY_PATTERN),
  titleEn: z.string().min(1),
  titleKo: z.string().min(1),
  bpm: z.number().int().positive(),
  file: mediaFile,
  bytes: byteCount,
  durationSeconds: z.number().positive(),
});

export const mediaIndexSchema = z
  .object({
    voice: z.record(z.enum(LOCALES), z.record(z.string().regex(KEY_PATTERN), voiceEntrySchema)),
    music: z.array(musicTrackSchema),
  })
  .superRefine((index, ctx) => {
    for (const locale of LOCALES) {
      for (const [key, entry] of Object.entries(index.voice[locale])) {
        if (!entry.file.startsWith(`voice/${locale}/${key}.`)) {
          ctx.addIssue({ code: "custom", path: ["voice", locale, key, "file"], message: `must be voice/${locale}/${key}.<hash8>.mp3` });
        }
      }
    }
    for (const [position, track] of index.music.entries()) {
      if (!track.file.startsWith(`music/${track.id}.`)) {
        ctx.addIssue({ code: "custom", path: ["music", position, "file"], message: `must be music/${track.id}.<hash8>.mp3` });
      }
    }
  });

export type MediaIndex = z.infer<typeof mediaIndexSchema>;
export type VoiceEntry = z.infer<typeof voiceEntrySchema>;
export type MusicTrack = z.infer<typeof musicTrackSchema>;

/** Absolute path of the media folder (the repository's `media/`, beside `app/`). */
export function mediaRoot(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), MEDIA_DIR_NAME);
}

export function parseMediaIndex(json: unknown): MediaIndex {
  const parsed = mediaIndexSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${MEDIA_DIR_NAME}/${MEDIA_INDEX_FILE}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

let loaded: { index: MediaIndex; files: ReadonlySet<string> } | undefined;

function load() {
  if (!loaded) {
    const indexPath = path.join(mediaRoot(), MEDIA_INDEX_FILE);
    const index = parseMediaIndex(JSON.parse(readFileSync(/* turbopackIgnore: true */ indexPath, "utf8")));
    loaded = { index, files: new Set(listedFiles(index)) };
  }
  return loaded;
}

/** The index, read from disk on first use and kept for the life of the process (the files are immutable). */
export function getMediaIndex(): MediaIndex {
  return load().index;
}

/** Every file the index lists, relative to `media/`. */
export function listedFiles(index: MediaIndex): string[] {
  return [...LOCALES.flatMap((locale) => Object.values(index.voice[locale]).map((entry) => entry.file)), ...index.music.map((track) => track.file)];
}

/** The recording of one cue (`step-run-90`, `halfway`, …) in one language, if it was generated. */
export function voiceCueFile(index: MediaIndex, locale: Locale, cueKey: string): VoiceEntry | undefined {
  return Object.hasOwn(index.voice[locale], cueKey) ? index.voice[locale][cueKey] : undefined;
}

export function musicTracks(index: MediaIndex): readonly MusicTrack[] {
  return index.music;
}

/**
 * The absolute path of a file under `media/`, or null when `relative` is not exactly a file the index lists
 * (which also refuses `..`, encoded slashes, absolute paths and anything else not generated).
 */
export function resolveMediaPath(relative: string): string | null {
  if (!load().files.has(relative)) return null;
  const root = mediaRoot();
  const absolute = path.resolve(root, relative);
  return absolute.startsWith(root + path.sep) ? absolute : null;
}
