/**
 * What the coach says, as keys and words. One key names one audio file per language, so the audio
 * generator, the catalog seed (cue text shown on the course page) and the player all agree on the words.
 */
import type { Locale, StepType } from "./step-types";

/** Cues that do not depend on the course. */
export const FIXED_CUES = [
  "halfway",
  "ten-seconds-left",
  "count-3",
  "count-2",
  "count-1",
  "paused",
  "resumed",
  "course-complete",
] as const;
export type FixedCue = (typeof FIXED_CUES)[number];

/** The key of a step's opening cue, e.g. `step-run-90` ("Run for 1 minute 30 seconds"). */
export function stepCueKey(type: StepType, durationSeconds: number): string {
  return `step-${type.replace("_", "-")}-${durationSeconds}`;
}

function durationEn(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? "minute" : "minutes"}`);
  if (seconds > 0) parts.push(`${seconds} ${seconds === 1 ? "second" : "seconds"}`);
  return parts.join(" ");
}

function durationKo(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes}분`);
  if (seconds > 0) parts.push(`${seconds}초`);
  return parts.join(" ");
}

const STEP_PHRASES: Record<StepType, Record<Locale, (duration: string) => string>> = {
  warmup: { en: (d) => `Warm up: walk for ${d}`, ko: (d) => `${d} 동안 걸으며 준비 운동을 하세요` },
  walk: { en: (d) => `Walk for ${d}`, ko: (d) => `${d} 동안 걸으세요` },
  brisk_walk: { en: (d) => `Walk briskly for ${d}`, ko: (d) => `${d} 동안 빠르게 걸으세요` },
  jog: { en: (d) => `Jog for ${d}`, ko: (d) => `${d} 동안 천천히 달리세요` },
  run: { en: (d) => `Run for ${d}`, ko: (d) => `${d} 동안 달리세요` },
  sprint: { en: (d) => `Sprint for ${d}`, ko: (d) => `${d} 동안 전력으로 달리세요` },
  cooldown: { en: (d) => `Cool down: walk for ${d}`, ko: (d) => `${d} 동안 걸으며 정리 운동을 하세요` },
};

const FIXED_PHRASES: Record<FixedCue, Record<Locale, string>> = {
  halfway: { en: "Halfway there", ko: "절반 지났습니다" },
  "ten-seconds-left": { en: "10 seconds left", ko: "10초 남았습니다" },
  "count-3": { en: "3", ko: "셋" },
  "count-2": { en: "2", ko: "둘" },
  "count-1": { en: "1", ko: "하나" },
  paused: { en: "Run paused", ko: "일시 정지했습니다" },
  resumed: { en: "Run resumed", ko: "다시 시작합니다" },
  "course-complete": {
    en: "Well done! You completed the course",
    ko: "축하합니다! 코스를 완주했습니다",
  },
};

/** The words of a step's opening cue: "Run for 1 minute 30 seconds" / "1분 30초 동안 달리세요". */
export function stepCueText(type: StepType, durationSeconds: number, locale: Locale): string {
  const duration = locale === "en" ? durationEn(durationSeconds) : durationKo(durationSeconds);
  return STEP_PHRASES[type][locale](duration);
}

export function fixedCueText(cue: FixedCue, locale: Locale): string {
  return FIXED_PHRASES[cue][locale];
}
