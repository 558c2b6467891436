/**
 * This app server's live-run services, built once from the environment (kept on globalThis like the session
 * memo, so every Next bundle shares them); null without REDIS_URL: then no run can be followed, and the live
 * endpoints answer not-found like for any run one may not follow.
 */
import { Redis } from "ioredis";
import { env } from "../env";
import { createFollowers, type Followers } from "./followers";
import { createLiveHub, type LiveHub } from "./live-hub";
import { liveKeys, type LiveKeys } from "./live-keys";
import { createLiveStore, type LiveStore } from "./live-store";

export interface LiveServices {
  redis: Redis;
  keys: LiveKeys;
  store: LiveStore;
  hub: LiveHub;
  followers: Followers;
  maxFollowers: number;
  connectionSeconds: number;
}

const globalForLive = globalThis as unknown as { runcoachLive?: LiveServices | null };

export function getLiveServices(): LiveServices | null {
  if (globalForLive.runcoachLive !== undefined) return globalForLive.runcoachLive;
  const e = env();
  if (!e.REDIS_URL) return (globalForLive.runcoachLive = null);
  const redis = new Redis(e.REDIS_URL, { maxRetriesPerRequest: 2 });
  redis.on("error", () => undefined); // a request that needs it fails and says so
  const keys = liveKeys(e.LIVE_REDIS_PREFIX);
  globalForLive.runcoachLive = {
    redis,
    keys,
    store: createLiveStore(redis, keys),
    hub: createLiveHub(e.REDIS_URL, keys),
    followers: createFollowers(redis, keys),
    maxFollowers: e.LIVE_MAX_FOLLOWERS_PER_RUN,
    connectionSeconds: e.LIVE_CONNECTION_SECONDS,
  };
  return globalForLive.runcoachLive;
}
