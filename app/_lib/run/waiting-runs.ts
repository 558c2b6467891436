/**
 * The runs kept on this device that the server does not have in full: History lists them (from IndexedDB,
 * no network) so a run finished offline never seems to vanish before it is uploaded.
 */
import type { RunStatus } from "@/domain/run/events";
import { getDb, RUNS_STORE } from "../device-db";
import { activitiesOnDevice, type ActivitiesOnDevice } from "../outbox/read";
import { runState, type LocalRun } from "./local-run";

export interface DeviceRun {
  activityId: string;
  courseSlug: string;
  courseTitle: string;
  status: RunStatus;
  /** Epoch milliseconds. */
  startedAt: number;
  finishedAt: number | null;
  /** "waiting": something still to upload; "refused": the server refused part of it for good (kept here). */
  upload: "waiting" | "refused";
}

/**
 * The runs among `runs` with anything waiting or refused, newest first. A run still being recorded is
 * listed even with nothing waiting this second: it is not on the server in full until it is finished.
 */
export function deviceRunsToShow(runs: readonly LocalRun[], onDevice: ActivitiesOnDevice): DeviceRun[] {
  const shown: DeviceRun[] = [];
  for (const run of runs) {
    const state = runState(run);
    const unfinished = state.finishedAt === null;
    const waiting = onDevice.waiting.has(run.activityId);
    const refused = onDevice.refused.has(run.activityId);
    if (!waiting && !refused && !unfinished) continue;
    shown.push({
      activityId: run.activityId,
      courseSlug: run.courseSlug,
      courseTitle: run.courseTitle,
      status: state.status,
      startedAt: state.startedAt,
      finishedAt: state.finishedAt,
      upload: waiting || unfinished ? "waiting" : "refused",
    });
  }
  return shown.sort((a, b) => b.startedAt - a.startedAt);
}

/** The runs on this device still waiting to upload (or refused), read from IndexedDB. */
export async function listDeviceRuns(): Promise<DeviceRun[]> {
  const [runs, onDevice] = await Promise.all([(async () => (await getDb()).getAll(RUNS_STORE))(), activitiesOnDevice()]);
  return deviceRunsToShow(runs, onDevice);
}
