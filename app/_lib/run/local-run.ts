/**
 * A run as this device keeps it: the course it follows (so the screen can resume without the network), its
 * lifecycle events (the truth: its state is their fold, never stored separately) and the runner's audio
 * settings for it.
 */
import type { CourseStep } from "@/domain/coaching/schedule";
import type { Locale } from "@/domain/coaching/step-types";
import { foldRunEvents, type RunEvent, type RunState } from "@/domain/run/events";

export interface LocalRun {
  activityId: string;
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  steps: CourseStep[];
  locale: Locale;
  /** Every event recorded, in sequence order; the first is the start. */
  events: RunEvent[];
  musicOn: boolean;
  /** 0..1 */
  musicVolume: number;
  /** 0..1 */
  voiceVolume: number;
  /** Epoch milliseconds of the last change. */
  updatedAt: number;
}

export type RunSettings = Pick<LocalRun, "musicOn" | "musicVolume" | "voiceVolume">;

export const DEFAULT_RUN_SETTINGS: Readonly<RunSettings> = { musicOn: true, musicVolume: 0.6, voiceVolume: 1 };

/** The run's state, folded from its events. */
export function runState(run: LocalRun): RunState {
  const state = foldRunEvents(run.events);
  if (!state) throw new Error(`Run ${run.activityId} has no start event`);
  return state;
}

export function isRunFinished(run: LocalRun): boolean {
  const { status } = runState(run);
  return status === "completed" || status === "stopped";
}

/** The unfinished run among `runs` (the most recently changed, should there ever be two), or null. */
export function findActiveRun(runs: readonly LocalRun[]): LocalRun | null {
  let active: LocalRun | null = null;
  for (const run of runs) {
    if (!isRunFinished(run) && (!active || run.updatedAt > active.updatedAt)) active = run;
  }
  return active;
}
