/**
 * Per-runner rate limit on point ingest. In memory by default (one app server); in Redis when REDIS_URL is
 * set, so every app server behind a load balancer shares one budget per runner. If Redis fails, an
 * in-memory limiter takes over rather than refusing uploads: a runner's points must never be lost to a
 * broken limiter. A refusal carries how long to wait; the client's outbox honours it (429 + Retry-After).
 */
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { RateLimitedError } from "../errors";

export interface IngestLimiter {
  /** Resolves when the runner may upload a batch now; throws RateLimitedError otherwise. */
  consume(userId: string): Promise<void>;
}

export interface IngestLimiterOptions {
  /** Batches per runner per window. The client sends one every few seconds, plus a backlog after offline. */
  batchesPerWindow: number;
  windowSeconds: number;
  redisUrl?: string | undefined;
  /** Told of every refusal (the process's `runcoach_rate_limit_refusals_total`). */
  onRefused?: (() => void) | undefined;
}

const KEY_PREFIX = "runcoach:ingest";

export function createIngestLimiter(options: IngestLimiterOptions): IngestLimiter {
  const base = { points: options.batchesPerWindow, duration: options.windowSeconds, keyPrefix: KEY_PREFIX };
  const memory = new RateLimiterMemory(base);
  let limiter: RateLimiterAbstract = memory;
  if (options.redisUrl) {
    const redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on("error", () => undefined); // the insurance limiter covers outages; ioredis reconnects by itself
    limiter = new RateLimiterRedis({ ...base, storeClient: redis, insuranceLimiter: memory });
  }
  return {
    async consume(userId) {
      try {
        await limiter.consume(userId);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          options.onRefused?.();
          throw new RateLimitedError(rejection.msBeforeNext);
        }
        throw rejection;
      }
    },
  };
}
