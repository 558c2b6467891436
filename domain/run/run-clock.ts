/**
 * Where a run is, derived from the clock and never from counted ticks: after a throttled or suspended tab,
 * the same inputs give the right step and second. Times are epoch milliseconds; positions are seconds of
 * active (unpaused) running time.
 */
import { courseDuration, type CourseStep, type ScheduledCue } from "../coaching/schedule";

export interface PauseInterval {
  at: number;
  /** Null while the run is still paused. */
  resumedAt: number | null;
}

export interface RunTiming {
  startedAt: number;
  pauses: readonly PauseInterval[];
  /** Set once the run has ended (completed or stopped). */
  finishedAt?: number | null;
}

/** Active seconds at `now`: wall time since the start minus paused time, frozen while paused or finished. */
export function activeSecondsAt(timing: RunTiming, now: number): number {
  const end = Math.min(now, timing.finishedAt ?? Number.POSITIVE_INFINITY);
  let paused = 0;
  for (const pause of timing.pauses) {
    if (pause.at >= end) continue;
    paused += Math.min(pause.resumedAt ?? end, end) - pause.at;
  }
  return Math.max(0, (end - timing.startedAt - paused) / 1000);
}

export interface CoursePosition {
  /** Index of the current step; equals steps.length when the course is over. */
  stepIndex: number;
  secondsIntoStep: number;
  secondsLeftInStep: number;
  /** 0..1 across the whole course. */
  progress: number;
  finished: boolean;
}

export function positionAt(steps: readonly CourseStep[], activeSeconds: number): CoursePosition {
  const total = courseDuration(steps);
  let start = 0;
  for (let stepIndex = 0; stepIndex < steps.length; stepIndex++) {
    const end = start + steps[stepIndex]!.durationSeconds;
    if (activeSeconds < end) {
      return {
        stepIndex,
        secondsIntoStep: activeSeconds - start,
        secondsLeftInStep: end - activeSeconds,
        progress: total === 0 ? 1 : activeSeconds / total,
        finished: false,
      };
    }
    start = end;
  }
  return { stepIndex: steps.length, secondsIntoStep: 0, secondsLeftInStep: 0, progress: 1, finished: true };
}

/** How late a cue may still be spoken: later than this it is skipped, so a woken tab never replays old cues. */
export const CUE_LATENESS_TOLERANCE_SECONDS = 2;

/**
 * The cue to speak now, if any: of the cues scheduled after `lastHandledAt` and at or before `activeSeconds`,
 * the latest one, and only if it is at most the tolerance late. `handledUpTo` is what the caller stores as
 * its new `lastHandledAt`, so every cue up to now counts as handled whether it was spoken or skipped.
 */
export function cueDueNow(
  schedule: readonly ScheduledCue[],
  lastHandledAt: number,
  activeSeconds: number,
): { cue: ScheduledCue | null; handledUpTo: number } {
  let due: ScheduledCue | null = null;
  for (const cue of schedule) {
    if (cue.at > lastHandledAt && cue.at <= activeSeconds) due = cue;
  }
  if (!due) return { cue: null, handledUpTo: lastHandledAt };
  const late = activeSeconds - due.at;
  return { cue: late <= CUE_LATENESS_TOLERANCE_SECONDS ? due : null, handledUpTo: due.at };
}
