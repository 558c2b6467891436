/**
 * Keeps the outbox uploading for as long as the app is open: at start-up, on a timer, when the network
 * returns, when the tab becomes visible and when something is enqueued. When the page is hidden or being
 * closed (`visibilitychange` to hidden, `pagehide`) it makes one last attempt at once, backoff or not, so
 * the last fixes reach the server if the runner closes the tab: the round packs every unpacked fix, and
 * uploads made while the page is hidden go out with `keepalive` (keepalive-fetch.ts), which lets them
 * finish after the page is gone. After failures the timer backs off
 * (2 s doubling to 5 min, full jitter, at least the server's `Retry-After`) and resets after a clean round.
 * Only one tab uploads at a time (Web Locks, `ifAvailable`: a tab that finds the lock taken leaves the work
 * to the holder, which may be the service worker); without Web Locks each tab only guards against itself.
 * Whenever uploads are left waiting — a round failed, or the page is being hidden with items still in the
 * outbox — it calls `onLeftWaiting` (the app asks for Background Sync there, background-sync.ts), so the
 * service worker finishes the job once the network returns, tab or no tab.
 */
import { backoffDelay } from "./backoff";
import { DEFAULT_SEND_TIMEOUT_MS, flushOutbox, type FlushResult, type OutboxSend } from "./flush";
import { getOutboxStatus, onOutboxEnqueued, publishOutboxChange } from "./status";

/** Held by whoever uploads: one tab, or the service worker (app/_sw/outbox-sync.ts). */
export const OUTBOX_LOCK_NAME = "runcoach-outbox";
/** How often a healthy outbox is checked when nothing else triggers an upload. */
export const DEFAULT_SYNC_INTERVAL_MS = 30_000;

/** Starts a timer and returns the function that cancels it. */
export type SetTimer = (callback: () => void, delayMs: number) => () => void;

export interface OutboxSyncOptions {
  intervalMs?: number;
  sendTimeoutMs?: number;
  /** For tests: [0, 1) like `Math.random`, for the jitter. */
  random?: () => number;
  /** For tests: observes and fires the timer by hand. */
  setTimer?: SetTimer;
  /** Called when uploads are left waiting: after a failed round, and when the page is hidden with items left. */
  onLeftWaiting?: () => void;
}

type Trigger = "start" | "timer" | "online" | "visible" | "hidden" | "enqueued";

const LOCK_BUSY = Symbol("lock busy");

const defaultSetTimer: SetTimer = (callback, delayMs) => {
  const handle = setTimeout(callback, delayMs);
  return () => clearTimeout(handle);
};

/** Runs `task` holding the cross-tab lock, or returns LOCK_BUSY when another tab holds it. */
async function withOutboxLock<T>(task: () => Promise<T>): Promise<T | typeof LOCK_BUSY> {
  const locks = typeof navigator !== "undefined" && "locks" in navigator ? navigator.locks : undefined;
  if (!locks) return task();
  return locks.request(OUTBOX_LOCK_NAME, { ifAvailable: true }, (lock) => (lock ? task() : LOCK_BUSY));
}

/** Starts uploading in the background; returns the function that stops it. */
export function startOutboxSync(send: OutboxSend, options: OutboxSyncOptions = {}): () => void {
  const intervalMs = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
  const random = options.random ?? Math.random;
  const setTimer = options.setTimer ?? defaultSetTimer;
  let stopped = false;
  let failures = 0;
  /** Not before this time (epoch ms): the server asked to wait with `Retry-After`. */
  let notBefore = 0;
  let running = false;
  let again = false;
  let cancelTimer: (() => void) | null = null;

  function schedule(delayMs: number): void {
    cancelTimer?.();
    cancelTimer = stopped ? null : setTimer(() => void trigger("timer"), delayMs);
  }

  function afterRound(outcome: FlushResult | typeof LOCK_BUSY): void {
    if (outcome === LOCK_BUSY || outcome.failure === null) {
      if (outcome !== LOCK_BUSY) failures = 0;
      notBefore = 0;
      schedule(intervalMs);
      return;
    }
    failures += 1;
    const retryAfterMs = outcome.failure.retryAfterMs ?? 0;
    notBefore = retryAfterMs > 0 ? Date.now() + retryAfterMs : 0;
    schedule(Math.max(backoffDelay(failures, random), retryAfterMs));
  }

  async function trigger(reason: Trigger): Promise<void> {
    if (stopped) return;
    // Leaving (hidden or closed) with something waiting: hand it to the worker too, in case the last attempt
    // below does not finish before the page is gone.
    if (reason === "hidden" && getOutboxStatus().runs > 0) options.onLeftWaiting?.();
    // While backing off, new items wait for the timer: every enqueue must not hammer a dead network.
    if (reason === "enqueued" && failures > 0) return;
    const wait = notBefore - Date.now();
    if (wait > 0) {
      schedule(wait);
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        let outcome: FlushResult | typeof LOCK_BUSY;
        try {
          outcome = await withOutboxLock(() => flushOutbox(send, { sendTimeoutMs: options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS }));
        } catch (error) {
          // The database itself failed: back off like a network failure.
          const message = error instanceof Error ? error.message : String(error);
          outcome = { sent: 0, rejected: 0, failure: { retryable: true, message } };
          void publishOutboxChange({ flusher: { flushing: false, lastError: message } });
        }
        afterRound(outcome);
        if (outcome !== LOCK_BUSY && outcome.failure) {
          options.onLeftWaiting?.();
          break;
        }
      } while (again && !stopped);
    } finally {
      running = false;
    }
  }

  const onOnline = () => void trigger("online");
  const onVisibility = () => void trigger(document.visibilityState === "visible" ? "visible" : "hidden");
  // Fired when the tab is closed or navigated away, even where visibilitychange is not (older Safari).
  const onPageHide = () => void trigger("hidden");
  const hasWindow = typeof window !== "undefined";
  const hasDocument = typeof document !== "undefined";
  if (hasWindow) window.addEventListener("online", onOnline);
  if (hasWindow) window.addEventListener("pagehide", onPageHide);
  if (hasDocument) document.addEventListener("visibilitychange", onVisibility);
  const stopEnqueued = onOutboxEnqueued(() => void trigger("enqueued"));
  void trigger("start");

  return () => {
    stopped = true;
    cancelTimer?.();
    cancelTimer = null;
    stopEnqueued();
    if (hasWindow) window.removeEventListener("online", onOnline);
    if (hasWindow) window.removeEventListener("pagehide", onPageHide);
    if (hasDocument) document.removeEventListener("visibilitychange", onVisibility);
  };
}
