/** What is waiting and what was set aside, for screens and support (read-only). */
import { BY_ACTIVITY_INDEX, getDb, OUTBOX_STORE, REJECTED_STORE } from "./db";
import type { OutboxItem, RejectedItem } from "./items";

export async function listOutbox(): Promise<OutboxItem[]> {
  return (await getDb()).getAll(OUTBOX_STORE);
}

export async function listRejected(): Promise<RejectedItem[]> {
  return (await getDb()).getAll(REJECTED_STORE);
}

/** Items still waiting for one activity (its events are not yet all on the server). */
export async function countPendingFor(activityId: string): Promise<number> {
  return (await getDb()).countFromIndex(OUTBOX_STORE, BY_ACTIVITY_INDEX, activityId);
}
