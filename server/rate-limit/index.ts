/** The app's ingest limiter, built from the environment on first use. */
import { env } from "../env";
import { createIngestLimiter, type IngestLimiter } from "./ingest-limiter";

const globalForLimiter = globalThis as unknown as { runcoachIngestLimiter?: IngestLimiter };

export function getIngestLimiter(): IngestLimiter {
  globalForLimiter.runcoachIngestLimiter ??= createIngestLimiter({
    batchesPerWindow: env().INGEST_BATCHES_PER_MINUTE,
    windowSeconds: 60,
    redisUrl: env().REDIS_URL,
  });
  return globalForLimiter.runcoachIngestLimiter;
}
