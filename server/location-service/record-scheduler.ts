/**
 * Runs the record job off the request path, coalesced: requests for one run within `debounceMs` (a burst
 * of late batches, a finish right behind its last points) make one computation; a request while that run's
 * job is running makes one more after it, never a second one at the same time. A failed job (Cassandra or
 * PostgreSQL down) is tried again later; PostgreSQL keeps the request (record_requested_seq), so a job lost
 * with this process is found by the sweep of whichever writer runs next.
 */
export interface RecordSchedulerOptions {
  /** Computes and stores one run's record. */
  run: (activityId: string) => Promise<unknown>;
  debounceMs?: number;
  /** A request never waits longer than this for quieter times. */
  maxWaitMs?: number;
  concurrency?: number;
  retryMs?: number;
  onError?: (activityId: string, error: unknown) => void;
  onDone?: (activityId: string, ms: number) => void;
}

interface Pending {
  firstAt: number;
  timer: NodeJS.Timeout;
}

export interface RecordScheduler {
  request(activityId: string): void;
  /** Requests waiting or running. */
  size(): number;
  /** Stops taking requests and waits for running jobs; waiting ones are left to the sweep. */
  stop(): Promise<void>;
}

export function createRecordScheduler(options: RecordSchedulerOptions): RecordScheduler {
  const debounceMs = options.debounceMs ?? 1_000;
  const maxWaitMs = options.maxWaitMs ?? 5_000;
  const concurrency = options.concurrency ?? 2;
  const retryMs = options.retryMs ?? 5_000;
  const pending = new Map<string, Pending>();
  const ready: string[] = [];
  const running = new Set<string>();
  const again = new Set<string>();
  const runningJobs = new Set<Promise<void>>();
  let stopped = false;

  function pump() {
    while (!stopped && running.size < concurrency) {
      const index = ready.findIndex((id) => !running.has(id));
      if (index < 0) return;
      const [activityId] = ready.splice(index, 1);
      start(activityId!);
    }
  }

  function start(activityId: string) {
    running.add(activityId);
    const started = Date.now();
    const job = options
      .run(activityId)
      .then(
        () => options.onDone?.(activityId, Date.now() - started),
        (error: unknown) => {
          options.onError?.(activityId, error);
          if (!stopped) setTimeout(() => request(activityId), retryMs).unref();
        },
      )
      .finally(() => {
        running.delete(activityId);
        runningJobs.delete(job);
        if (again.delete(activityId)) request(activityId);
        pump();
      });
    runningJobs.add(job);
  }

  function request(activityId: string) {
    if (stopped) return;
    if (running.has(activityId)) {
      again.add(activityId); // one more after this one: it may have read the points before the new ones
      return;
    }
    if (ready.includes(activityId)) return;
    const now = Date.now();
    const waiting = pending.get(activityId);
    const firstAt = waiting?.firstAt ?? now;
    if (waiting) clearTimeout(waiting.timer);
    const delay = Math.max(0, Math.min(debounceMs, firstAt + maxWaitMs - now));
    const timer = setTimeout(() => {
      pending.delete(activityId);
      ready.push(activityId);
      pump();
    }, delay);
    timer.unref();
    pending.set(activityId, { firstAt, timer });
  }

  return {
    request,
    size: () => pending.size + ready.length + running.size,
    async stop() {
      stopped = true;
      for (const { timer } of pending.values()) clearTimeout(timer);
      pending.clear();
      await Promise.allSettled([...runningJobs]);
    },
  };
}
