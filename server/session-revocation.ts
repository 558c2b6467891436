/**
 * This process's session memo (session-memo.ts) and how every process hears that a session ended. A session row
 * deleted anywhere (sign-out, a revoked session, a deleted account: better-auth's session delete hook,
 * server/auth.ts) is forgotten here at once and, when REDIS_URL is set, published on a Redis channel every app
 * server and upload API subscribes to, so a replay of the old cookies through any of them is looked up in
 * PostgreSQL, finds no session and is refused.
 *
 * Why this and not a revocation check per request: the memo exists so an upload does not cost a PostgreSQL
 * round trip, and a Redis read per request would bring most of that cost back; a sign-out is rare and a
 * broadcast costs nothing on the upload path. A broadcast can be missed only while a subscriber is not
 * connected, so the memo trusts itself only while subscribed (and empties itself when it subscribes again);
 * without REDIS_URL (one server) the local forget is the whole story.
 */
import { Redis } from "ioredis";
import { env } from "./env";
import { log } from "./log";
import { createSessionMemo, sessionTokenHash, type MemoSession, type SessionMemo } from "./session-memo";

export const SESSION_MEMO_TTL_MS = 30_000;
export const REVOKED_SESSIONS_CHANNEL = "runcoach:sessions-revoked";

export interface SessionRevocation {
  memo: SessionMemo<MemoSession>;
  /** Forget the session here and tell every other process. */
  revoke(token: string): Promise<void>;
  /** Whether revocations are being heard (always without Redis). */
  listening(): boolean;
  close(): Promise<void>;
}

export function createSessionRevocation(options: { redisUrl?: string | undefined; channel?: string; ttlMs?: number }): SessionRevocation {
  const channel = options.channel ?? REVOKED_SESSIONS_CHANNEL;
  let subscribed = !options.redisUrl;
  let subscriber: Redis | null = null;
  let publisher: Redis | null = null;
  const memo = createSessionMemo<MemoSession>({ ttlMs: options.ttlMs ?? SESSION_MEMO_TTL_MS, maxEntries: 10_000, trusted: () => subscribed });
  if (options.redisUrl) {
    subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: null, autoResubscribe: false });
    publisher = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    publisher.on("error", () => undefined); // a failed publish is logged where it happens
    subscriber.on("error", (error) => log.debug({ err: error }, "session revocation subscriber error"));
    subscriber.on("close", () => {
      if (subscribed) log.warn("session revocations unheard (Redis connection lost): sessions are looked up on every request");
      subscribed = false;
    });
    subscriber.on("ready", () => {
      subscriber!.subscribe(channel).then(
        () => {
          memo.clear(); // anything revoked while we were not listening is forgotten with the rest
          subscribed = true;
        },
        (error: unknown) => log.warn({ err: error }, "could not subscribe to session revocations"),
      );
    });
    subscriber.on("message", (_channel, tokenHash: string) => void memo.revoke(tokenHash));
  }
  return {
    memo,
    async revoke(token) {
      const tokenHash = sessionTokenHash(token);
      memo.revoke(tokenHash);
      if (!publisher) return;
      try {
        await publisher.publish(channel, tokenHash);
      } catch (error) {
        // The other servers' subscribers share this Redis: unreachable for us is most likely unreachable for them,
        // and then they are not trusting their memos. The session row is gone either way.
        log.warn({ err: error }, "could not publish a session revocation");
      }
    },
    listening: () => subscribed,
    async close() {
      subscriber?.disconnect();
      publisher?.disconnect();
    },
  };
}

const globalForSessions = globalThis as unknown as { runcoachSessionRevocation?: SessionRevocation };

/** This process's memo and revocation channel, shared by every Next bundle (kept on globalThis). */
export function getSessionRevocation(): SessionRevocation {
  globalForSessions.runcoachSessionRevocation ??= createSessionRevocation({ redisUrl: env().REDIS_URL });
  return globalForSessions.runcoachSessionRevocation;
}
