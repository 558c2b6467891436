/** Reading stored runs: the one to resume after a reload or a crash, or one by id. */
import { getDb, RUNS_STORE } from "../device-db";
import { findActiveRun, type LocalRun } from "./local-run";

/** The unfinished run on this device, or null. */
export async function loadActiveRun(): Promise<LocalRun | null> {
  return findActiveRun(await (await getDb()).getAll(RUNS_STORE));
}

export async function loadRun(activityId: string): Promise<LocalRun | null> {
  return (await (await getDb()).get(RUNS_STORE, activityId)) ?? null;
}
