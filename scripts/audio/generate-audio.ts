/**
 * `npm run audio:generate`: makes every audio file the app plays and commits to nothing else.
 * - the coach's voice: every step cue some course in seed/catalog uses and every fixed cue, in each locale;
 * - the background music tracks (scripts/audio/music/tracks.ts);
 * into `media/` with content-hashed names, plus `media/index.json` that the server reads (server/media/).
 * Installs espeak-ng, sox and lame when missing. The same inputs give the same bytes, so re-running after
 * an unrelated change leaves git clean; files no longer listed are deleted.
 */
import { availableParallelism } from "node:os";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { LOCALES, type Locale } from "@/domain/coaching/step-types";
import { readCatalog } from "@/server/db/seed-catalog";
import { listedFiles, MEDIA_DIR_NAME, MEDIA_INDEX_FILE, parseMediaIndex, type MediaIndex, type MusicTrack, type VoiceEntry } from "@/server/media/media-index";
import { inPool } from "./command";
import { describeAudioTools, ensureAudioTools } from "./ensure-tools";
import { removeUnlisted, writeHashed } from "./hashed-files";
import { renderTrack } from "./music/render-track";
import { TRACKS } from "./music/tracks";
import { renderVoiceMp3, voiceCues } from "./voice";

const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..");
const MEDIA_ROOT = path.join(REPO_ROOT, MEDIA_DIR_NAME);
const CATALOG_DIR = path.join(REPO_ROOT, "seed", "catalog");
/** Music rendering holds a few stereo stems in memory: fewer at once than the speech jobs. */
const MUSIC_PARALLELISM = 2;

const voiceFolder = (locale: Locale) => `voice/${locale}`;
const MUSIC_FOLDER = "music";

async function generateVoice(locale: Locale, cues: ReturnType<typeof voiceCues>): Promise<Record<string, VoiceEntry>> {
  const entries = await inPool(
    availableParallelism(),
    cues.map((cue) => async () => {
      const text = cue.text[locale];
      const mp3 = await renderVoiceMp3(text, locale);
      const file = await writeHashed(MEDIA_ROOT, voiceFolder(locale), cue.key, mp3);
      return [cue.key, { file, bytes: mp3.length, text }] as const;
    }),
  );
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

async function generateMusic(): Promise<MusicTrack[]> {
  return inPool(
    MUSIC_PARALLELISM,
    TRACKS.map((score) => async () => {
      const { mp3, durationSeconds } = await renderTrack(score);
      const file = await writeHashed(MEDIA_ROOT, MUSIC_FOLDER, score.id, mp3);
      const { id, titleEn, titleKo, bpm } = score;
      return { id, titleEn, titleKo, bpm, file, bytes: mp3.length, durationSeconds };
    }),
  );
}

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

function report(index: MediaIndex): void {
  for (const locale of LOCALES) {
    const entries = Object.values(index.voice[locale]);
    const bytes = entries.reduce((sum, entry) => sum + entry.bytes, 0);
    console.log(`voice/${locale}: ${entries.length} cues, ${kilobytes(bytes)}`);
  }
  for (const track of index.music) console.log(`music/${track.id}: ${track.bpm} BPM, ${track.durationSeconds} s, ${kilobytes(track.bytes)}`);
  const total = [...LOCALES.flatMap((locale) => Object.values(index.voice[locale])), ...index.music].reduce((sum, file) => sum + file.bytes, 0);
  console.log(`total: ${kilobytes(total)}`);
}

await ensureAudioTools();
console.log(await describeAudioTools());
const cues = voiceCues(await readCatalog(CATALOG_DIR));
const voice = {} as Record<Locale, Record<string, VoiceEntry>>;
for (const locale of LOCALES) voice[locale] = await generateVoice(locale, cues);
const index = parseMediaIndex({ voice, music: await generateMusic() });
await writeFile(path.join(MEDIA_ROOT, MEDIA_INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);

const listed = new Set(listedFiles(index));
for (const folder of [...LOCALES.map(voiceFolder), MUSIC_FOLDER]) {
  for (const removed of await removeUnlisted(MEDIA_ROOT, folder, listed)) console.log(`removed ${removed}`);
}
report(index);
