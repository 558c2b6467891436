/**
 * Sign-out ends a session for every request that still carries its cookies (issue 16, class 3): the app's
 * endpoint, better-auth's own session lookup (what pages use), and, through Redis, the memo of another server.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiFetch } from "@/test-support/api-server";
import { signUpTestUser } from "@/test-support/integration";
import { getAuth } from "./auth";
import { createSessionRevocation } from "./session-revocation";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, what: string) {
  for (let i = 0; i < 100 && !condition(); i++) await sleep(20);
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe("after sign-out, the old session cookies are refused", () => {
  it("by the tRPC endpoint (whose memo held the session) and by better-auth's lookup", async () => {
    const runner = await signUpTestUser("signout");
    const asRunner = () => apiFetch("/api/trpc/profile.get", { headers: { cookie: runner.cookie } });
    expect((await asRunner()).status).toBe(200);
    expect((await asRunner()).status).toBe(200); // now from the memo
    await getAuth().api.signOut({ headers: new Headers({ cookie: runner.cookie }) });
    expect((await asRunner()).status).toBe(401);
    expect(await getAuth().api.getSession({ headers: new Headers({ cookie: runner.cookie }) })).toBeNull();
  });

  it("by another server, told through Redis, which trusts its memo only while it listens", async () => {
    const channel = `runcoach-test:sessions-revoked:${randomUUID()}`;
    const serverA = createSessionRevocation({ redisUrl: REDIS_URL, channel });
    const serverB = createSessionRevocation({ redisUrl: REDIS_URL, channel });
    try {
      await waitFor(() => serverA.listening() && serverB.listening(), "both subscribers");
      const session = { session: { token: "token-1", expiresAt: new Date(Date.now() + 60_000) } };
      const headers = new Headers({ cookie: "better-auth.session_token=token-1.sig" });
      let lookups = 0;
      const lookup = async () => (lookups++, lookups === 1 ? session : null);
      expect(await serverA.memo.get(headers, lookup)).toEqual(session);
      expect(await serverA.memo.get(headers, lookup)).toEqual(session);
      expect(lookups).toBe(1);
      await serverB.revoke("token-1"); // the sign-out was handled by the other server
      // Pub/sub is asynchronous: within a second, A looks the session up again and finds it gone.
      for (let i = 0; i < 50 && lookups === 1; i++) {
        await serverA.memo.get(headers, lookup);
        await sleep(20);
      }
      expect(lookups).toBe(2);
      expect(await serverA.memo.get(headers, lookup)).toBeNull();
    } finally {
      await Promise.all([serverA.close(), serverB.close()]);
    }
    // A server that cannot hear revocations does not serve from memory.
    const deaf = createSessionRevocation({ redisUrl: "redis://127.0.0.1:1", channel });
    try {
      let lookups = 0;
      const headers = new Headers({ cookie: "better-auth.session_token=token-2.sig" });
      const session = { session: { token: "token-2", expiresAt: new Date(Date.now() + 60_000) } };
      await deaf.memo.get(headers, async () => (lookups++, session));
      await deaf.memo.get(headers, async () => (lookups++, session));
      expect(lookups).toBe(2);
    } finally {
      await deaf.close();
    }
  });
});
