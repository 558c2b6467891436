/**
 * Sending the notice that live access may have shrunk (access-notice.ts), after the change is in PostgreSQL, by
 * each change that can take access away: a friendship ended (friends.remove), a live choice or the live
 * default turned off. Accepting or asking can only add access, and declining a request removes none (a
 * pending friend never had any), so they send nothing. Best effort: a notice that does not go out is caught
 * by each open stream's periodic check (ACCESS_CHECK_MS).
 */
import type { Redis } from "ioredis";
import { log } from "../log";
import { withDeadline } from "../with-deadline";
import { accessNotice } from "./access-notice";
import type { LiveKeys } from "./live-keys";
import { getLiveServices } from "./live-service";

/** How long a procedure waits for the notice to go out: a Redis that is away must not hold up a friend's removal. */
const PUBLISH_TIMEOUT_MS = 1_000;

export async function publishAccessChange(redis: Redis, keys: LiveKeys, userIds: readonly string[]): Promise<void> {
  await redis.publish(keys.accessChanges(), accessNotice(userIds));
}

/** For the procedures: tells every app server that these users' live access may have shrunk. Never throws. */
export async function announceLiveAccessChange(userIds: readonly string[]): Promise<void> {
  const live = getLiveServices();
  if (!live) return;
  try {
    await withDeadline(publishAccessChange(live.redis, live.keys, userIds), PUBLISH_TIMEOUT_MS, () => new Error(`no answer from Redis in ${PUBLISH_TIMEOUT_MS} ms`));
  } catch (error) {
    log.warn({ err: error }, "live access notice not sent; open streams see the change at their next periodic check");
  }
}
