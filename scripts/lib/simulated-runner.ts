/**
 * What every script that plays runners over HTTP needs (the benchmarks, the fault tests): an account signed up
 * through better-auth, a tRPC mutation sent as the browser sends it, and a seeded course to run.
 */
import superjson from "superjson";
import { stableUuid } from "@/server/db/seed-catalog";

/** A seeded course (seed/catalog) whose runs the simulated runners start. */
export const COURSE_ID = stableUuid("course:30-minute-run-challenge-w1s1");

/** A tRPC mutation as the browser sends it (superjson). */
export function trpcPost(baseUrl: string, procedure: string, cookie: string, input: unknown): Promise<Response> {
  return fetch(`${baseUrl}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify(superjson.serialize(input)),
  });
}

/**
 * A new account through `baseUrl` (its session cookies), sent with `origin` (the app's own, BETTER_AUTH_URL).
 * better-auth lets a client sign up a few times per 10 s: a 429 is waited out (its X-Retry-After) up to a minute.
 */
export async function signUp(baseUrl: string, origin: string, username: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ name: username, email: `${username}@example.test`, password: "correct horse battery", username }),
    });
    if (response.status === 429 && Date.now() < deadline) {
      const wait = Number(response.headers.get("x-retry-after") ?? 5);
      await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(wait) ? wait : 5) * 1000 + 250));
      continue;
    }
    if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
    return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  }
}
