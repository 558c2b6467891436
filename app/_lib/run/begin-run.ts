/**
 * Starting a run. There is at most one unfinished run per device: a second tab, a double tap or a reload of
 * the course page gets the run already in progress (`resumed: true`, whatever its course) instead of a second
 * one. The check and the write happen in one readwrite transaction over `runs` and `outbox`, which IndexedDB
 * runs one at a time across tabs, and the run and its start event are written together or not at all.
 */
import type { CourseStep } from "@/domain/coaching/schedule";
import type { Locale } from "@/domain/coaching/step-types";
import type { RunEvent } from "@/domain/run/events";
import { getDb, OUTBOX_STORE, RUNS_STORE } from "../device-db";
import { runEventsItem } from "../outbox/items";
import { notifyOutboxEnqueued } from "../outbox/status";
import { DEFAULT_RUN_SETTINGS, findActiveRun, type LocalRun } from "./local-run";
import { publishRunChange } from "./run-channel";

export interface BeginRunInput {
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  steps: readonly CourseStep[];
  locale: Locale;
  /** Epoch milliseconds of the start (default: now). */
  now?: number;
}

export interface BeginRunResult {
  run: LocalRun;
  /** True when an unfinished run already existed and is returned instead of a new one. */
  resumed: boolean;
}

export async function beginRun(input: BeginRunInput): Promise<BeginRunResult> {
  const db = await getDb();
  const tx = db.transaction([RUNS_STORE, OUTBOX_STORE], "readwrite");
  const existing = findActiveRun(await tx.objectStore(RUNS_STORE).getAll());
  if (existing) {
    await tx.done;
    return { run: existing, resumed: true };
  }
  const now = input.now ?? Date.now();
  const activityId = crypto.randomUUID();
  const start: RunEvent = { id: crypto.randomUUID(), activityId, seq: 1, at: now, type: "start", courseId: input.courseId };
  const run: LocalRun = {
    activityId,
    courseId: input.courseId,
    courseSlug: input.courseSlug,
    courseTitle: input.courseTitle,
    steps: input.steps.map((step) => ({ ...step })),
    locale: input.locale,
    events: [start],
    ...DEFAULT_RUN_SETTINGS,
    updatedAt: now,
  };
  // Should either write fail (quota, an id already taken), the transaction aborts and undoes the other.
  await Promise.all([
    tx.objectStore(OUTBOX_STORE).add(runEventsItem(activityId, [start], now)),
    tx.objectStore(RUNS_STORE).add(run),
    tx.done,
  ]);
  publishRunChange({ activityId, run });
  await notifyOutboxEnqueued();
  return { run, resumed: false };
}
