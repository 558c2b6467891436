/**
 * Starts the upload flusher the first time the outbox has something waiting, once, and keeps it going until
 * stopped: a page with nothing to upload never loads the flusher's code. Also clears the runs the server
 * has whenever the outbox empties (and at start). DOM-free, so the rules are unit-tested with fakes.
 */
import type { OutboxStatus, OutboxStatusListener } from "@/app/_lib/outbox/status";

export interface FlusherOnDemand {
  subscribe: (listener: OutboxStatusListener) => () => void;
  /** Loads and starts the flusher; resolves to the function that stops it. */
  start: () => Promise<() => void>;
  /** Clears the finished runs the server has (called whenever nothing waits any more). */
  clearUploaded: () => void;
}

/** Returns the function that unsubscribes and stops the flusher if it was started. */
export function runFlusherOnDemand({ subscribe, start, clearUploaded }: FlusherOnDemand): () => void {
  let stopped = false;
  let stop: (() => void) | null = null;
  let started = false;
  let waiting = true;
  const unsubscribe = subscribe((status: OutboxStatus) => {
    if (waiting && status.runs === 0) clearUploaded();
    waiting = status.runs > 0;
    if (!waiting || started) return;
    started = true;
    start().then(
      (stopFlusher) => {
        if (stopped) stopFlusher();
        else stop = stopFlusher;
      },
      () => {
        // The chunk did not load (offline without a service worker yet): try again when the outbox changes.
        started = false;
      },
    );
  });
  return () => {
    stopped = true;
    unsubscribe();
    stop?.();
  };
}
