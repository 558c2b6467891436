/** The app's ingest limiter, built from the environment on first use. */
import { env } from "../env";
import { getServerMetrics } from "../metrics/server-metrics";
import { createIngestLimiter, type IngestLimiter } from "./ingest-limiter";

const globalForLimiter = globalThis as unknown as { runcoachIngestLimiter?: IngestLimiter };

function refusalCounter(): (() => void) | undefined {
  const refusals = getServerMetrics()?.rateLimitRefusals;
  if (!refusals) return undefined;
  refusals.inc({ limit: "ingest" }, 0); // the series exists, at 0, before the first refusal
  const counter = refusals.labels({ limit: "ingest" });
  return () => counter.inc();
}

export function getIngestLimiter(): IngestLimiter {
  globalForLimiter.runcoachIngestLimiter ??= createIngestLimiter({
    batchesPerWindow: env().INGEST_BATCHES_PER_MINUTE,
    windowSeconds: 60,
    redisUrl: env().REDIS_URL,
    onRefused: refusalCounter(),
  });
  return globalForLimiter.runcoachIngestLimiter;
}
