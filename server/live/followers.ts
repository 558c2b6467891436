/**
 * Who follows a run right now, across every app server: a sorted set of connection ids scored by when each
 * lapses (a server that dies without saying goodbye leaves entries that lapse by themselves). Bounds the
 * followers of one run, and tells the upload tier that someone is watching (the phone then uploads sooner).
 */
import type { Redis } from "ioredis";
import type { LiveKeys } from "./live-keys";

// Drop lapsed entries, refuse when full (unless this connection is already in), add, keep the key alive.
const JOIN = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[3]) == false and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1
`;

export interface Followers {
  /** Registers a connection until `lapseAt`; false when the run already has `max` followers. */
  join(activityId: string, connectionId: string, lapseAt: number, max: number, now?: number): Promise<boolean>;
  leave(activityId: string, connectionId: string): Promise<void>;
  count(activityId: string, now?: number): Promise<number>;
}

export function createFollowers(redis: Redis, keys: LiveKeys): Followers {
  return {
    async join(activityId, connectionId, lapseAt, max, now = Date.now()) {
      const joined = await redis.eval(JOIN, 1, keys.followers(activityId), now, lapseAt, connectionId, max);
      return joined === 1;
    },
    async leave(activityId, connectionId) {
      await redis.zrem(keys.followers(activityId), connectionId);
    },
    async count(activityId, now = Date.now()) {
      return redis.zcount(keys.followers(activityId), now, "+inf");
    },
  };
}
