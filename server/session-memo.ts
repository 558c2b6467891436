/**
 * A short in-process memory of "these session cookies belong to this session", so a runner's point uploads
 * (one every few seconds from every runner) do not each pay for better-auth's session lookup in PostgreSQL: on
 * the ingest path that was about a tenth of the server's CPU per request.
 *
 * A signed-out session must not be served from it (issue 16): better-auth's own signed-cookie cache is off
 * (server/auth.ts), so the memo is the only place a session outlives its row, and it is told when a row goes.
 * `revoke` forgets a session on this process at once; server/session-revocation.ts calls it on every process
 * when any of them deletes a session (sign-out, revoke, account deletion), through Redis when there are several.
 * While that message could be missed (Redis configured but not subscribed), `trusted()` is false and the memo is
 * bypassed: every request asks PostgreSQL, which is slower and never wrong. Entries also expire after `ttlMs`
 * and never outlive the session's own expiry.
 */
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";

export interface MemoSession {
  session: { expiresAt: Date; token: string };
}

export interface SessionMemo<S extends MemoSession> {
  /** The session for these request headers: remembered, or looked up with `lookup` and remembered. */
  get(headers: Headers, lookup: () => Promise<S | null>): Promise<S | null>;
  /** Forgets the session whose token hashes to `tokenHash` (sessionTokenHash); false when it was not held. */
  revoke(tokenHash: string): boolean;
  /** Forgets everything (a revocation may have been missed). */
  clear(): void;
}

/** What travels between servers for a revoked session: a hash, so a log or a Redis monitor never shows a token. */
export function sessionTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** The cookies that identify a session (better-auth names them `<prefix>.session_token` and `.session_data`,
 * with a `__Secure-` prefix on https); everything else in the Cookie header (language, time zone) is not part
 * of the key, so it cannot split or pollute it. */
const SESSION_COOKIE = /(?:^|;\s*)((?:__Secure-)?[\w-]+\.session_(?:token|data)=[^;]*)/g;

export function sessionCookieKey(headers: Headers): string | null {
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  const parts = [...cookie.matchAll(SESSION_COOKIE)].map((match) => match[1]!);
  // Without a session token there is nothing to remember: better-auth answers "no session" cheaply.
  return parts.some((part) => part.includes(".session_token=")) ? parts.sort().join("; ") : null;
}

export function createSessionMemo<S extends MemoSession>(options: {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
  /** False while a revocation could be missed: the memo is then bypassed (default: always trusted). */
  trusted?: () => boolean;
}): SessionMemo<S> {
  const now = options.now ?? Date.now;
  const trusted = options.trusted ?? (() => true);
  const cache = new LRUCache<string, { value: S; until: number; tokenHash: string }>({ max: options.maxEntries });
  return {
    async get(headers, lookup) {
      const key = sessionCookieKey(headers);
      if (!key) return lookup();
      if (!trusted()) {
        cache.clear();
        return lookup();
      }
      const hit = cache.get(key);
      if (hit && hit.until > now()) return hit.value;
      const value = await lookup();
      // Only sessions are remembered: a refusal stays a fresh check, so signing in again is seen at once.
      if (value) {
        const until = Math.min(now() + options.ttlMs, new Date(value.session.expiresAt).getTime());
        cache.set(key, { value, until, tokenHash: sessionTokenHash(value.session.token) });
      } else cache.delete(key);
      return value;
    },
    revoke(tokenHash) {
      // Sign-outs are rare next to lookups: a scan of at most maxEntries beats keeping a second index.
      const keys = [...cache.entries()].filter(([, entry]) => entry.tokenHash === tokenHash).map(([key]) => key);
      for (const key of keys) cache.delete(key);
      return keys.length > 0;
    },
    clear: () => cache.clear(),
  };
}
