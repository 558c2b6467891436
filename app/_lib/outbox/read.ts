/** What is waiting and what was set aside, for screens and support (read-only). */
import { BY_ACTIVITY_INDEX, getDb, OUTBOX_STORE, REJECTED_STORE } from "../device-db";
import type { OutboxItem, RejectedItem } from "./items";

export async function listOutbox(): Promise<OutboxItem[]> {
  return (await getDb()).getAll(OUTBOX_STORE);
}

export async function listRejected(): Promise<RejectedItem[]> {
  return (await getDb()).getAll(REJECTED_STORE);
}

/** Items waiting for one activity (the server has not acknowledged all its events and fixes yet). */
export async function countWaitingFor(activityId: string): Promise<number> {
  return (await getDb()).countFromIndex(OUTBOX_STORE, BY_ACTIVITY_INDEX, activityId);
}
