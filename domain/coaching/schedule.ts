/**
 * The coach's script for a course: which cue plays at which second of active (unpaused) running time.
 * - every step opens with its own cue ("Run for 1 minute") at its first second;
 * - steps longer than a minute get "Halfway there" at their middle (rounded down);
 * - steps of 20 s or more get "10 seconds left", and every step of 5 s or more a 3-2-1 countdown;
 * - the end of the course gets "Well done! You completed the course" instead of the last step's next cue.
 * Pure: the player, its tests and the run screen all read the same schedule.
 */
import { FIXED_CUES, stepCueKey, type FixedCue } from "./cues";
import type { StepType } from "./step-types";

export interface CourseStep {
  type: StepType;
  durationSeconds: number;
}

export interface ScheduledCue {
  /** Seconds of active running time from the start of the course. */
  at: number;
  /** A media key: a step cue key (`step-run-60`) or a fixed cue (`halfway`, `count-3`, …). */
  key: string;
  /** The step the cue belongs to (the last step for `course-complete`). */
  stepIndex: number;
}

const HALFWAY_MIN_STEP_SECONDS = 61;
const TEN_SECONDS_LEFT_MIN_STEP_SECONDS = 20;
const COUNTDOWN_MIN_STEP_SECONDS = 5;

export function courseDuration(steps: readonly CourseStep[]): number {
  return steps.reduce((sum, step) => sum + step.durationSeconds, 0);
}

export function buildCueSchedule(steps: readonly CourseStep[]): ScheduledCue[] {
  const cues: ScheduledCue[] = [];
  let start = 0;
  steps.forEach((step, stepIndex) => {
    const end = start + step.durationSeconds;
    cues.push({ at: start, key: stepCueKey(step.type, step.durationSeconds), stepIndex });
    if (step.durationSeconds >= HALFWAY_MIN_STEP_SECONDS) {
      cues.push({ at: start + Math.floor(step.durationSeconds / 2), key: "halfway", stepIndex });
    }
    if (step.durationSeconds >= TEN_SECONDS_LEFT_MIN_STEP_SECONDS) {
      cues.push({ at: end - 10, key: "ten-seconds-left", stepIndex });
    }
    if (step.durationSeconds >= COUNTDOWN_MIN_STEP_SECONDS) {
      for (const n of [3, 2, 1] as const) cues.push({ at: end - n, key: `count-${n}`, stepIndex });
    }
    start = end;
  });
  if (steps.length > 0) cues.push({ at: start, key: "course-complete", stepIndex: steps.length - 1 });
  return cues.sort((a, b) => a.at - b.at);
}

export function isFixedCue(key: string): key is FixedCue {
  return (FIXED_CUES as readonly string[]).includes(key);
}
