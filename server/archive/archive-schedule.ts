/**
 * Runs the archiver every `everyMs` inside a Location Service, the first pass a random part of the interval after
 * start so that writers started together do not all claim at once (their claims would keep them apart anyway).
 * Stopping aborts a pass between two runs and waits for it.
 */
import type { Logger } from "pino";
import type { Archiver } from ".";

export interface ArchiveScheduleMetrics {
  observePass(result: { archived: number; points: number; failed: number; due: number; elapsedMs: number }): void;
  observeRun(outcome: string, points: number): void;
}

export function startArchiveSchedule(o: { archiver: Archiver; everyMs: number; log: Logger; metrics?: ArchiveScheduleMetrics }) {
  const abort = new AbortController();
  let running: Promise<void> | null = null;

  async function pass() {
    try {
      const result = await o.archiver({
        signal: abort.signal,
        onRun: (run) => o.metrics?.observeRun(run.outcome, run.points),
      });
      o.metrics?.observePass(result);
      if (result.due > 0 || result.failed > 0) o.log.info(result, "archive pass done");
    } catch (error) {
      o.log.error({ err: error }, "archive pass could not run; will try again");
    }
  }

  const tick = () => {
    if (running || abort.signal.aborted) return;
    running = pass().finally(() => (running = null));
  };
  const first = setTimeout(tick, Math.random() * o.everyMs);
  const every = setInterval(tick, o.everyMs);
  first.unref();
  every.unref();

  return {
    async stop() {
      clearTimeout(first);
      clearInterval(every);
      abort.abort();
      await running;
    },
  };
}
