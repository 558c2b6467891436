/**
 * Cheers from followers to a runner, through Redis: a follower's cheer waits in the run's pending hash until the
 * runner's phone acknowledges it in a later upload (so a phone offline for a while hears it when it is back,
 * and an answer lost on the way is sent again); each follower has a budget per minute; a run holds at most
 * `MAX_PENDING_CHEERS`. Ids are the follower's: a cheer id seen before (pending or delivered) is accepted again
 * without a second copy, so a retried cheer is heard once.
 */
import type { Redis } from "ioredis";
import type { Cheer, CheerKind, LiveAnswer } from "@/domain/live/cheers";
import type { LiveKeys } from "./live-keys";

export const CHEERS_PER_MINUTE = 5;
export const MAX_PENDING_CHEERS = 20;
/** How long a cheer id is remembered (and a pending cheer kept): longer than any run. */
const CHEER_TTL_SECONDS = 6 * 60 * 60;

// KEYS: ids (set), pending (hash), budget. ARGV: id, json, perMinute, maxPending, ttl.
const SEND = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 'duplicate' end
local used = tonumber(redis.call('GET', KEYS[3]) or '0')
if used >= tonumber(ARGV[3]) then return 'rate-limited' end
if redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[4]) then return 'full' end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[5])
if redis.call('INCR', KEYS[3]) == 1 then redis.call('EXPIRE', KEYS[3], 60) end
return 'sent'
`;

export type CheerOutcome = "sent" | "duplicate" | "rate-limited" | "full";

export async function sendCheer(
  redis: Redis,
  keys: LiveKeys,
  cheer: { activityId: string; followerId: string; id: string; kind: CheerKind; fromName: string; now?: number },
): Promise<CheerOutcome> {
  const stored: Cheer = { id: cheer.id, kind: cheer.kind, fromName: cheer.fromName, sentAt: cheer.now ?? Date.now() };
  const outcome = await redis.eval(
    SEND,
    3,
    keys.cheerIds(cheer.activityId),
    keys.cheers(cheer.activityId),
    keys.cheerBudget(cheer.activityId, cheer.followerId),
    cheer.id,
    JSON.stringify(stored),
    CHEERS_PER_MINUTE,
    MAX_PENDING_CHEERS,
    CHEER_TTL_SECONDS,
  );
  return outcome as CheerOutcome;
}

/**
 * For the upload tier, once per batch: drops the cheers the phone acknowledged, and says how many follow the run
 * and which cheers still wait. One round trip. Null when there is nothing to say (nobody follows, nothing waits).
 */
export async function liveAnswerFor(redis: Redis, keys: LiveKeys, activityId: string, acknowledged: readonly string[], now = Date.now()): Promise<LiveAnswer | null> {
  const pipeline = redis.pipeline();
  if (acknowledged.length > 0) pipeline.hdel(keys.cheers(activityId), ...acknowledged);
  pipeline.zcount(keys.followers(activityId), now, "+inf");
  pipeline.hvals(keys.cheers(activityId));
  const results = (await pipeline.exec()) ?? [];
  const [countResult, valuesResult] = results.slice(-2);
  if (countResult?.[0] || valuesResult?.[0]) throw countResult?.[0] ?? valuesResult?.[0];
  const followers = Number(countResult?.[1] ?? 0);
  const cheers = ((valuesResult?.[1] as string[] | undefined) ?? []).map((raw) => JSON.parse(raw) as Cheer).sort((a, b) => a.sentAt - b.sentAt);
  return followers === 0 && cheers.length === 0 ? null : { followers, cheers };
}
