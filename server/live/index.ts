/** Live runs from the environment: on when REDIS_URL is set (followers read from Redis, not process memory). */
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Database } from "../db";
import { env } from "../env";
import type { KafkaSettings } from "../kafka/settings";
import { startLiveFanout, type LiveFanout } from "./live-fanout";

/** The fan-out beside the Location Service's writers, or null when live runs are off (no REDIS_URL). */
export async function startLiveFanoutFromEnv(deps: { db: Database; kafka: KafkaSettings; log: Logger }): Promise<LiveFanout | null> {
  const url = env().REDIS_URL;
  if (!url) return null;
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  redis.on("error", (error) => deps.log.debug({ err: error }, "live fan-out redis error"));
  const fanout = await startLiveFanout({ ...deps, redis, prefix: env().LIVE_REDIS_PREFIX });
  return {
    async stop() {
      await fanout.stop();
      redis.disconnect();
    },
  };
}
