/**
 * Background Sync: the pages ask for a `sync` event tagged `OUTBOX_SYNC_TAG` when uploads are left waiting
 * (app/_lib/outbox/background-sync.ts); Chromium fires it here once the network is back, tabs open or not.
 * The worker uploads the outbox with the same code and the same requests as the pages (flushOutbox over
 * ingest-fetch.ts: the tRPC POSTs with the session cookie), holding the same Web Lock, so it never uploads
 * beside a tab. It waits for the lock rather than skipping: a tab's round ends within its upload timeouts,
 * and whatever that round left is then sent here. A round that stops on a retryable failure rejects, which
 * tells the browser to fire the event again later (its own backoff); refusals are set aside as in the pages.
 */
import { createIngestSenders, createOutboxSender, flushOutbox, OUTBOX_LOCK_NAME, OUTBOX_SYNC_TAG } from "../_lib/outbox";
import { clearFinishedRuns, FINISHED_RUN_GRACE_MS } from "../_lib/run";

declare const self: ServiceWorkerGlobalScope;

/** The Background Sync event (not in TypeScript's DOM library). */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

async function withLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = "locks" in navigator ? navigator.locks : undefined;
  return locks ? locks.request(OUTBOX_LOCK_NAME, task) : task();
}

/** Uploads everything waiting; rejects when something is left for a later try. */
export async function flushOutboxInWorker(): Promise<void> {
  const send = createOutboxSender(createIngestSenders());
  const result = await withLock(() => flushOutbox(send));
  if (result.failure) throw new Error(`Uploads left waiting: ${result.failure.message}`);
  await clearFinishedRuns(FINISHED_RUN_GRACE_MS);
}

export function listenForOutboxSync(): void {
  self.addEventListener("sync", (event) => {
    const sync = event as SyncEvent;
    if (sync.tag === OUTBOX_SYNC_TAG) sync.waitUntil(flushOutboxInWorker());
  });
}
