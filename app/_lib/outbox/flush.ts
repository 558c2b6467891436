/**
 * Uploads the outbox, oldest first, one upload at a time: an item, or several `points` items of one run
 * merged into one call (next-upload.ts). Items leave the outbox only after `send` resolved, so a crash or a
 * closed tab mid-upload sends them again later (the server is idempotent on client-made ids). A retryable
 * failure stops the round and leaves the items first in line, so order is kept; a refusal moves the item to
 * `rejected` with its reason and the round goes on. A merged upload that is refused is sent again item by
 * item, so a bad item is set aside alone and the good points around it still go up. Each database step is
 * its own short transaction: an IndexedDB transaction closes as soon as it waits on anything else, such as
 * the network. Each round first packs the GPS fixes not yet packed (unpacked points) into outbox items
 * (points.ts), so they go up in this round.
 */
import { classifyError, type ErrorClassification } from "./classify-error";
import type { OutboxItem } from "./items";
import { nextUpload, type StoredItem } from "./next-upload";
import { packPoints } from "./points";
import { OutboxSendError } from "./send-error";
import { countAttempts, moveToRejected, removeSent } from "./settle";
import { publishOutboxChange } from "./status";

/**
 * Uploads one item; resolves once the server has it. The item may be several `points` items merged into one
 * (it then has no `id`). The signal aborts when the upload timed out.
 */
export type OutboxSend = (item: OutboxItem, signal: AbortSignal) => Promise<void>;

export const DEFAULT_SEND_TIMEOUT_MS = 30_000;

export interface FlushOptions {
  /** An upload that has not settled by then counts as a retryable failure (default 30 s). */
  sendTimeoutMs?: number;
  classify?: (error: unknown) => ErrorClassification;
  now?: () => number;
}

export interface FlushResult {
  /** Items the server acknowledged (a merged upload counts each item it carried). */
  sent: number;
  rejected: number;
  /** The retryable failure that stopped the round, or null when the outbox was emptied. */
  failure: ErrorClassification | null;
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

  /** Sends `item`; null when the server has it, else why not. */
  async function attempt(item: OutboxItem): Promise<ErrorClassification | null> {
    try {
      await sendWithTimeout(send, item, timeoutMs);
      return null;
    } catch (error) {
      const failure = classify(error);
      lastError = failure.message;
      return failure;
    }
  }

  async function sent(items: readonly StoredItem[]): Promise<void> {
    await removeSent(items);
    result.sent += items.length;
    await publishOutboxChange({ flusher: { flushing: true, lastError } });
  }

  /** Counts a retryable failure on `items` and ends the round with it. */
  async function stop(items: readonly StoredItem[], failure: ErrorClassification): Promise<FlushResult> {
    await countAttempts(items);
    result.failure = failure;
    return result;
  }

  await publishOutboxChange({ flusher: { flushing: true } });
  try {
    await packPoints(undefined, now());
    for (let upload = await nextUpload(); upload; upload = await nextUpload()) {
      const { items, merged } = upload;
      if (items.length > 1) {
        const failure = await attempt(merged);
        if (failure === null) {
          await sent(items);
          continue;
        }
        if (failure.retryable) return await stop(items, failure);
        // Refused: maybe for one item's sake (the server refuses a whole batch for one bad point). Find it.
      }
      for (const item of items) {
        const failure = await attempt(item);
        if (failure === null) {
          await sent([item]);
        } else if (failure.retryable) {
          return await stop([item], failure);
        } else {
          await moveToRejected(item, failure, now());
          result.rejected += 1;
          await publishOutboxChange({ flusher: { flushing: true, lastError } });
        }
      }
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
