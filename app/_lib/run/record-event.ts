/**
 * Pause, resume and finish. Each event is checked against the state folded from the events already stored
 * (read in the same transaction, so two tabs cannot both pause), then appended to the run and enqueued for
 * upload in that one transaction. An illegal event throws `IllegalRunTransitionError` and changes nothing:
 * pausing a paused run is refused, not ignored, so a double tap must be handled by the caller (check
 * `runState(run).status` first, or catch the error).
 */
import { applyRunEvent, type FinishStatus, type RunEvent } from "@/domain/run/events";
import { getDb, OUTBOX_STORE, RUNS_STORE } from "../device-db";
import { runEventsItem } from "../outbox/items";
import { notifyOutboxEnqueued } from "../outbox/status";
import { RunNotFoundError } from "./errors";
import { runState, type LocalRun } from "./local-run";
import { publishRunChange } from "./run-channel";

export type RunEventInput = { type: "pause" | "resume" } | { type: "finish"; status: FinishStatus };

function makeEvent(run: LocalRun, input: RunEventInput, at: number): RunEvent {
  const base = { id: crypto.randomUUID(), activityId: run.activityId, seq: runState(run).lastSeq + 1, at };
  return input.type === "finish" ? { ...base, type: "finish", status: input.status } : { ...base, type: input.type };
}

/**
 * Records one lifecycle event; returns the run with it. `now` defaults to the clock; should the device clock
 * have stepped back since the last event, the event takes that event's time instead of being refused.
 */
export async function recordRunEvent(activityId: string, input: RunEventInput, now: number = Date.now()): Promise<LocalRun> {
  const db = await getDb();
  const tx = db.transaction([RUNS_STORE, OUTBOX_STORE], "readwrite");
  const run = await tx.objectStore(RUNS_STORE).get(activityId);
  if (!run) throw new RunNotFoundError(activityId);
  const lastAt = Math.max(...run.events.map((event) => event.at));
  const event = makeEvent(run, input, Math.max(now, lastAt));
  applyRunEvent(runState(run), event); // throws IllegalRunTransitionError before anything is written
  const updated: LocalRun = { ...run, events: [...run.events, event], updatedAt: now };
  await Promise.all([
    tx.objectStore(RUNS_STORE).put(updated),
    tx.objectStore(OUTBOX_STORE).add(runEventsItem(activityId, [event], now)),
    tx.done,
  ]);
  publishRunChange({ activityId, run: updated });
  await notifyOutboxEnqueued();
  return updated;
}
