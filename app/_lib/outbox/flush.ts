/**
 * Uploads the outbox, oldest first, one item at a time. An item leaves the outbox only after `send` resolved,
 * so a crash or a closed tab mid-upload sends it again later (the server is idempotent on client-made ids).
 * A retryable failure stops the round and leaves the item first in line, so order is kept; a refusal moves the
 * item to `rejected` with its reason and the round goes on. Each database step is its own short transaction:
 * an IndexedDB transaction closes as soon as it waits on anything else, such as the network. Each round first
 * packs the GPS fixes waiting in `pending-points` into outbox items (points.ts), so they go up in this round.
 */
import { classifyError, type ErrorClassification } from "./classify-error";
import { getDb, OUTBOX_STORE, REJECTED_STORE } from "./db";
import type { OutboxItem } from "./items";
import { packPoints } from "./points";
import { OutboxSendError } from "./send-error";
import { publishOutboxChange } from "./status";

/** Uploads one item; resolves once the server has it. The signal aborts when the upload timed out. */
export type OutboxSend = (item: OutboxItem, signal: AbortSignal) => Promise<void>;

export const DEFAULT_SEND_TIMEOUT_MS = 30_000;

export interface FlushOptions {
  /** An upload that has not settled by then counts as a retryable failure (default 30 s). */
  sendTimeoutMs?: number;
  classify?: (error: unknown) => ErrorClassification;
  now?: () => number;
}

export interface FlushResult {
  sent: number;
  rejected: number;
  /** The retryable failure that stopped the round, or null when the outbox was emptied. */
  failure: ErrorClassification | null;
}

type StoredItem = OutboxItem & { id: number };

async function firstItem(): Promise<StoredItem | null> {
  const db = await getDb();
  const cursor = await db.transaction(OUTBOX_STORE).store.openCursor();
  return cursor ? (cursor.value as StoredItem) : null;
}

async function removeItem(id: number): Promise<void> {
  const db = await getDb();
  await db.delete(OUTBOX_STORE, id);
}

async function countAttempt(id: number): Promise<void> {
  const db = await getDb();
  const tx = db.transaction(OUTBOX_STORE, "readwrite");
  const item = await tx.store.get(id);
  if (item) await tx.store.put({ ...item, attempts: item.attempts + 1 });
  await tx.done;
}

async function moveToRejected(item: StoredItem, failure: ErrorClassification, now: number): Promise<void> {
  const db = await getDb();
  const tx = db.transaction([OUTBOX_STORE, REJECTED_STORE], "readwrite");
  await Promise.all([
    tx.objectStore(OUTBOX_STORE).delete(item.id),
    tx.objectStore(REJECTED_STORE).add({
      item: { ...item, attempts: item.attempts + 1 },
      error: failure.message,
      httpStatus: failure.httpStatus ?? null,
      rejectedAt: now,
    }),
    tx.done,
  ]);
}

async function sendWithTimeout(send: OutboxSend, item: OutboxItem, timeoutMs: number): Promise<void> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new OutboxSendError(`The upload did not finish within ${Math.round(timeoutMs / 1000)} s`, true));
    }, timeoutMs);
  });
  try {
    await Promise.race([send(item, controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runFlush(send: OutboxSend, options: FlushOptions): Promise<FlushResult> {
  const classify = options.classify ?? ((error: unknown) => classifyError(error));
  const now = options.now ?? Date.now;
  const timeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const result: FlushResult = { sent: 0, rejected: 0, failure: null };
  let lastError: string | null = null;
  await publishOutboxChange({ flusher: { flushing: true } });
  try {
    await packPoints(undefined, now());
    for (let item = await firstItem(); item; item = await firstItem()) {
      try {
        await sendWithTimeout(send, item, timeoutMs);
      } catch (error) {
        const failure = classify(error);
        lastError = failure.message;
        if (failure.retryable) {
          await countAttempt(item.id);
          result.failure = failure;
          return result;
        }
        await moveToRejected(item, failure, now());
        result.rejected += 1;
        await publishOutboxChange({ flusher: { flushing: true, lastError } });
        continue;
      }
      await removeItem(item.id);
      result.sent += 1;
      await publishOutboxChange({ flusher: { flushing: true, lastError } });
    }
    return result;
  } catch (error) {
    // The database failed (storage full, disabled): say so, and let the caller back off.
    lastError = error instanceof Error ? error.message : String(error);
    throw error;
  } finally {
    await publishOutboxChange({ flusher: { flushing: false, lastError } });
  }
}

let inFlight: Promise<FlushResult> | null = null;

/**
 * Uploads everything in the outbox (see the header). A call while this tab is already flushing joins that
 * round instead of starting a second one. It does not coordinate with other tabs: `startOutboxSync` does.
 */
export function flushOutbox(send: OutboxSend, options: FlushOptions = {}): Promise<FlushResult> {
  inFlight ??= runFlush(send, options).finally(() => {
    inFlight = null;
  });
  return inFlight;
}
