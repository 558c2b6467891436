/**
 * What an upload's outcome does to the items it carried, each outcome in one transaction. The flusher works
 * from the copies it read before sending, while the packer may have topped up one of those items since
 * (points.ts). So what leaves the outbox is exactly the points that were sent, picked by id: fixes added to an
 * item after its upload began stay in it and go up next, whatever tab or screen added them.
 */
import type { IDBPObjectStore, StoreNames } from "idb";
import { getDb, OUTBOX_STORE, REJECTED_STORE, type RunCoachDB } from "../device-db";
import type { ErrorClassification } from "./classify-error";
import type { StoredItem } from "./next-upload";

type OutboxStore = IDBPObjectStore<RunCoachDB, ArrayLike<StoreNames<RunCoachDB>>, typeof OUTBOX_STORE, "readwrite">;

/** Deletes `sent` from the outbox, or keeps only the points added to it since it was read. */
async function takeOut(store: OutboxStore, sent: StoredItem): Promise<void> {
  const current = await store.get(sent.id);
  if (current?.kind !== "points" || sent.kind !== "points") return store.delete(sent.id);
  const sentIds = new Set(sent.points.map((point) => point.id));
  const added = current.points.filter((point) => !sentIds.has(point.id));
  if (added.length === 0) return store.delete(sent.id);
  await store.put({ ...current, points: added });
}

/** The server has every point (event) of `items`: all of them leave the outbox together. */
export async function removeSent(items: readonly StoredItem[]): Promise<void> {
  const db = await getDb();
  const tx = db.transaction(OUTBOX_STORE, "readwrite");
  await Promise.all([...items.map((item) => takeOut(tx.store, item)), tx.done]);
}

/** A retryable failure: the items stay, first in line, one more failed attempt on each. */
export async function countAttempts(items: readonly StoredItem[]): Promise<void> {
  const db = await getDb();
  const tx = db.transaction(OUTBOX_STORE, "readwrite");
  const bump = async ({ id }: StoredItem) => {
    const current = await tx.store.get(id);
    if (current) await tx.store.put({ ...current, attempts: current.attempts + 1 });
  };
  await Promise.all([...items.map(bump), tx.done]);
}

/** A refusal: the item as it was sent moves to `rejected` with the reason. */
export async function moveToRejected(item: StoredItem, failure: ErrorClassification, now: number): Promise<void> {
  const db = await getDb();
  const tx = db.transaction([OUTBOX_STORE, REJECTED_STORE], "readwrite");
  await Promise.all([
    takeOut(tx.objectStore(OUTBOX_STORE), item),
    tx.objectStore(REJECTED_STORE).add({
      item: { ...item, attempts: item.attempts + 1 },
      error: failure.message,
      httpStatus: failure.httpStatus ?? null,
      rejectedAt: now,
    }),
    tx.done,
  ]);
}
