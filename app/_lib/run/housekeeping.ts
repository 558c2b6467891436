/**
 * Forgets finished runs the server already has. A run stays while any of its items still waits in the outbox
 * or sits in `rejected`: until its events are acknowledged, the local copy is the only one. The pages' upload
 * sync (app/_components/pwa/upload-sync.tsx) and the service worker call it after uploads.
 */
import { BY_ACTIVITY_INDEX, getDb, OUTBOX_STORE, REJECTED_STORE, RUNS_STORE } from "../device-db";
import { runState } from "./local-run";
import { publishRunChange } from "./run-channel";

/**
 * How long an uploaded run stays on the device after its finish: long enough for its summary on the run
 * screen and a tab left open on it, short enough that a phone does not keep every run it ever recorded.
 */
export const FINISHED_RUN_GRACE_MS = 24 * 60 * 60_000;

/** Deletes runs finished more than `olderThanMs` before `now` whose uploads are done; returns their ids. */
export async function clearFinishedRuns(olderThanMs: number, now: number = Date.now()): Promise<string[]> {
  const db = await getDb();
  const tx = db.transaction([RUNS_STORE, OUTBOX_STORE, REJECTED_STORE], "readwrite");
  const cleared: string[] = [];
  for (const run of await tx.objectStore(RUNS_STORE).getAll()) {
    const { finishedAt } = runState(run);
    if (finishedAt === null || finishedAt > now - olderThanMs) continue;
    const [waiting, rejected] = await Promise.all([
      tx.objectStore(OUTBOX_STORE).index(BY_ACTIVITY_INDEX).count(run.activityId),
      tx.objectStore(REJECTED_STORE).index(BY_ACTIVITY_INDEX).count(run.activityId),
    ]);
    if (waiting > 0 || rejected > 0) continue;
    await tx.objectStore(RUNS_STORE).delete(run.activityId);
    cleared.push(run.activityId);
  }
  await tx.done;
  for (const activityId of cleared) publishRunChange({ activityId, run: null });
  return cleared;
}
