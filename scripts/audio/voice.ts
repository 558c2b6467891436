/**
 * The coach's voice: which cues exist (every step cue some catalog course uses, plus the fixed cues) and
 * how one cue's words become an MP3 (espeak-ng → sox trim/normalise → lame). MP3 because every browser,
 * Safari included, plays it; mono 22.05 kHz at a low bitrate because it is speech.
 */
import { FIXED_CUES, fixedCueText, stepCueKey, stepCueText } from "@/domain/coaching/cues";
import { LOCALES, type Locale, type StepType } from "@/domain/coaching/step-types";
import type { Catalog } from "@/server/db/seed-catalog";
import { runTool } from "./command";

export interface VoiceCue {
  key: string;
  text: Record<Locale, string>;
}

/** espeak-ng voice per language. */
const ESPEAK_VOICE: Record<Locale, string> = { en: "en-us", ko: "ko" };
/** Words per minute: espeak-ng's default (175) is hurried for someone out of breath. */
const SPEECH_RATE_WPM = 150;
const SAMPLE_RATE_HZ = 22_050;
const BITRATE_KBPS = 40;
/** Silence below this share of full scale counts as leading/trailing silence and is cut. */
const SILENCE_THRESHOLD = "0.1%";
/** Kept before and after the words so the first consonant is not clipped and cues do not run together. */
const LEAD_IN_SECONDS = 0.05;
const TAIL_SECONDS = 0.25;
const PEAK_DBFS = -1;
const RUMBLE_CUTOFF_HZ = 70;

/** Every cue the coach can speak for the catalog: its step cues (sorted by key), then the fixed cues. */
export function voiceCues(catalog: Catalog): VoiceCue[] {
  const steps = new Map<string, { type: StepType; seconds: number }>();
  for (const program of catalog.programs) {
    for (const course of program.courses) {
      for (const [type, seconds] of course.steps) steps.set(stepCueKey(type, seconds), { type, seconds });
    }
  }
  const byLocale = (say: (locale: Locale) => string) =>
    Object.fromEntries(LOCALES.map((locale) => [locale, say(locale)])) as Record<Locale, string>;
  const stepCues = [...steps.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, { type, seconds }]) => ({ key, text: byLocale((locale) => stepCueText(type, seconds, locale)) }));
  const fixedCues = FIXED_CUES.map((cue) => ({ key: cue, text: byLocale((locale) => fixedCueText(cue, locale)) }));
  return [...stepCues, ...fixedCues];
}

/** Speaks `text` and returns the MP3 bytes; the same text gives the same bytes (sox runs in repeatable mode). */
export async function renderVoiceMp3(text: string, locale: Locale): Promise<Buffer> {
  const speech = await runTool("espeak-ng", ["-v", ESPEAK_VOICE[locale], "-s", String(SPEECH_RATE_WPM), "--stdout", text]);
  const pcm = await runTool(
    "sox",
    [
      "-R", "-V1",
      "-t", "wav", "-",
      "-r", String(SAMPLE_RATE_HZ), "-c", "1", "-e", "signed-integer", "-b", "16", "-L", "-t", "raw", "-",
      "highpass", String(RUMBLE_CUTOFF_HZ),
      // Cut silence at the start, then (reversed) at the end.
      "silence", "1", "0.01", SILENCE_THRESHOLD, "reverse", "silence", "1", "0.01", SILENCE_THRESHOLD, "reverse",
      "norm", String(PEAK_DBFS),
      "pad", String(LEAD_IN_SECONDS), String(TAIL_SECONDS),
    ],
    speech,
  );
  return runTool(
    "lame",
    [
      "--quiet", "-r", "-s", String(SAMPLE_RATE_HZ / 1000), "--signed", "--little-endian", "--bitwidth", "16",
      "-m", "m", "--cbr", "-b", String(BITRATE_KBPS), "-q", "2", "-", "-",
    ],
    pcm,
  );
}
