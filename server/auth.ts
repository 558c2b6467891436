/**
 * Accounts: better-auth with email + password and usernames (friends find each other by username),
 * stored through the drizzle adapter in the same PostgreSQL as everything else.
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { username } from "better-auth/plugins";
import { getDb } from "./db";
import * as schema from "./db/schema";
import { env } from "./env";
import { getSessionRevocation } from "./session-revocation";

/** Used only outside production, where `npm run up` and the tests need no setup; env.ts refuses it in production. */
const DEVELOPMENT_SECRET = "runcoach-development-secret-not-for-production-use";

/**
 * The app's own origin, plus its localhost/127.0.0.1 twin: both name the same local server, and a runner
 * who opens either should be able to sign in (better-auth rejects form posts from untrusted origins).
 */
function loopbackTwins(baseUrl: string): string[] {
  const url = new URL(baseUrl);
  const twins: Record<string, string> = { localhost: "127.0.0.1", "127.0.0.1": "localhost" };
  const twin = twins[url.hostname];
  if (!twin) return [url.origin];
  return [url.origin, `${url.protocol}//${twin}${url.port ? `:${url.port}` : ""}`];
}

function createAuth() {
  return betterAuth({
    secret: env().BETTER_AUTH_SECRET ?? DEVELOPMENT_SECRET,
    baseURL: env().BETTER_AUTH_URL,
    trustedOrigins: loopbackTwins(env().BETTER_AUTH_URL),
    database: drizzleAdapter(getDb(), {
      provider: "pg",
      schema: { user: schema.user, session: schema.session, account: schema.account, verification: schema.verification },
    }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
      // No signed-cookie cache: it would serve a session for minutes after its sign-out to whoever replays the
      // cookies. The upload path stays cheap through the session memo instead, which a revocation clears on every
      // server (server/session-revocation.ts).
      cookieCache: { enabled: false },
    },
    databaseHooks: {
      // Every deleted session (sign-out, revoke, a deleted account): no server may serve it from memory.
      session: { delete: { after: async (session) => getSessionRevocation().revoke(session.token) } },
    },
    // Better-auth's own limiter guards sign-in and sign-up against guessing.
    rateLimit: { enabled: env().NODE_ENV === "production", window: 60, max: 100 },
    plugins: [username({ minUsernameLength: 3, maxUsernameLength: 30 }), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { runcoachAuth?: Auth };

export function getAuth(): Auth {
  globalForAuth.runcoachAuth ??= createAuth();
  return globalForAuth.runcoachAuth;
}
