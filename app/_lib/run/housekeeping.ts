/**
 * Forgets finished runs the server already has. A run stays while any of its items still waits in the outbox
 * or sits in `rejected`: until its events are acknowledged, the local copy is the only one.
 */
import { BY_ACTIVITY_INDEX, getDb, OUTBOX_STORE, REJECTED_STORE, RUNS_STORE } from "../device-db";
import { runState } from "./local-run";
import { publishRunChange } from "./run-channel";

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
