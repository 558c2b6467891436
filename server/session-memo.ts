/**
 * A short in-process memory of "these session cookies belong to this session", so a runner's point uploads
 * (one every few seconds from every runner) do not each pay for better-auth's signed-cookie check and its
 * endpoint machinery: on the ingest path that was about a tenth of the server's CPU per request.
 *
 * It widens nothing: better-auth's cookie cache already trusts a signed session cookie for five minutes
 * without asking the database (server/auth.ts), and this remembers an answer for exactly the same cookie
 * values for at most `ttlMs` (far less), never past the session's own expiry. A signed-out or changed
 * cookie is a different key, so it is checked afresh.
 */
import { LRUCache } from "lru-cache";

export interface SessionMemo<S extends { session: { expiresAt: Date } }> {
  /** The session for these request headers: remembered, or looked up with `lookup` and remembered. */
  get(headers: Headers, lookup: () => Promise<S | null>): Promise<S | null>;
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

export function createSessionMemo<S extends { session: { expiresAt: Date } }>(options: {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}): SessionMemo<S> {
  const now = options.now ?? Date.now;
  const cache = new LRUCache<string, { value: S; until: number }>({ max: options.maxEntries });
  return {
    async get(headers, lookup) {
      const key = sessionCookieKey(headers);
      if (!key) return lookup();
      const hit = cache.get(key);
      if (hit && hit.until > now()) return hit.value;
      const value = await lookup();
      // Only sessions are remembered: a refusal stays a fresh check, so signing in again is seen at once.
      if (value) cache.set(key, { value, until: Math.min(now() + options.ttlMs, new Date(value.session.expiresAt).getTime()) });
      else cache.delete(key);
      return value;
    },
  };
}
