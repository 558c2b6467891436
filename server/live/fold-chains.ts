/**
 * The order in which the live fan-out folds batches: one promise chain per run, so a run's batches fold one
 * after another (they come in order on one partition) while different runs fold side by side; at most
 * `maxInFlight` batches at once, beyond which the stream is paused. Each batch's `done` is called once it is
 * folded, and that is what lets the consumer commit past it (commit-watermark.ts).
 */
import type { Logger } from "pino";
import type { LocationMessage } from "../kafka/location-messages";
import { getLiveMetrics } from "./live-metrics";

export interface StreamFlow {
  pause(): void;
  resume(): void;
}

export interface FoldChains {
  /** Folds `message` after its run's earlier batches, then calls `done` (also when the fold failed). */
  add(message: LocationMessage, done: () => void, flow: StreamFlow): void;
  /** Resolves once every batch added so far has been folded or has failed. */
  settled(): Promise<void>;
}

export function createFoldChains(deps: { fold: (message: LocationMessage) => Promise<void>; log: Pick<Logger, "warn">; maxInFlight: number }): FoldChains {
  const chains = new Map<string, Promise<void>>();
  let inFlight = 0;

  return {
    add(message, done, flow) {
      const id = message.activityId;
      inFlight++;
      if (inFlight >= deps.maxInFlight) flow.pause();
      const next = (chains.get(id) ?? Promise.resolve())
        .then(() => deps.fold(message))
        // A batch that cannot be folded (Redis or PostgreSQL down) counts as folded once logged, and may be
        // committed past: the live view is best effort and the stored record comes from Cassandra, so a gap a
        // follower may see is better than a partition whose commits stop (and whose runs wait) behind it.
        .catch((error: unknown) => {
          getLiveMetrics()?.fanoutFoldFailures.inc();
          deps.log.warn({ err: error, activityId: id }, "live fan-out could not fold a batch");
        })
        .finally(() => {
          inFlight--;
          done();
          if (inFlight < deps.maxInFlight / 2) flow.resume();
          if (chains.get(id) === next) chains.delete(id);
        });
      chains.set(id, next);
    },

    async settled() {
      await Promise.allSettled([...chains.values()]);
    },
  };
}
