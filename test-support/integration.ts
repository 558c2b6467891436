/** Helpers for integration tests: real users through better-auth, and a tRPC client over the real handler. */
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import { getAuth } from "@/server/auth";
import { apiFetch } from "./api-server";
import type { DatabaseHandle } from "@/server/db/client";
import type { LocationPublisher } from "@/server/kafka/producer";

export interface TestUser {
  id: string;
  cookie: string;
}

let counter = 0;

/** Signs up a new user through better-auth and returns the session cookie it set. */
export async function signUpTestUser(prefix = "runner"): Promise<TestUser> {
  const unique = `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
  const { headers, response } = await getAuth().api.signUpEmail({
    body: { name: unique, email: `${unique}@example.test`, password: "correct horse battery", username: unique },
    returnHeaders: true,
  });
  const cookie = headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  return { id: response.user.id, cookie };
}

/** A tRPC client whose requests go over HTTP through the app's real endpoint handler (api-server.ts). */
export function trpcClientFor(user: TestUser | null) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "http://localhost/api/trpc", // the origin is replaced by the test server's
        transformer: superjson,
        headers: () => (user ? { cookie: user.cookie } : {}),
        fetch: async (input, init) => {
          const { pathname, search } = new URL(input as string);
          return apiFetch(`${pathname}${search}`, init as RequestInit);
        },
      }),
    ],
  });
}

/**
 * Runs `body` as if the app had been started against another database: the handle behind `getDb()` and the
 * better-auth instance built on it (both kept on globalThis, server/db/index.ts and server/auth.ts) are
 * replaced for its duration, then restored.
 */
export async function withAppDatabase<T>(handle: DatabaseHandle, body: () => Promise<T>): Promise<T> {
  const globals = globalThis as unknown as { runcoachDb?: DatabaseHandle; runcoachAuth?: unknown };
  const saved = { db: globals.runcoachDb, auth: globals.runcoachAuth };
  globals.runcoachDb = handle;
  globals.runcoachAuth = undefined;
  try {
    return await body();
  } finally {
    globals.runcoachDb = saved.db;
    globals.runcoachAuth = saved.auth;
  }
}

/** Runs `body` with the app's Kafka producer replaced (server/kafka/index.ts keeps it on globalThis). */
export async function withAppPublisher<T>(publisher: LocationPublisher, body: () => Promise<T>): Promise<T> {
  const globals = globalThis as unknown as { runcoachPublisher?: LocationPublisher };
  const saved = globals.runcoachPublisher;
  globals.runcoachPublisher = publisher;
  try {
    return await body();
  } finally {
    globals.runcoachPublisher = saved;
  }
}
