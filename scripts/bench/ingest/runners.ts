/**
 * The simulated runners' accounts and runs. Accounts are signed up through better-auth; runs are started with
 * the start event the app sends (`activities.syncEvents`) through whatever answers the ingest mutations — the
 * upload API itself (bench:ingest) or the load balancer in front of several (bench:scale) — and handed out as
 * a pool that grows when a level needs more runners than the last.
 */
import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { stableUuid } from "@/server/db/seed-catalog";
import { CLOSED_LOOP_WINDOW_MS, type BenchRunner } from "./load";

export const COURSE_ID = stableUuid("course:30-minute-run-challenge-w1s1");
/** Every bench run starts before the closed loop's window of point times (load.ts). */
export const RUNS_STARTED_AT = Date.now() - CLOSED_LOOP_WINDOW_MS - 3600_000;

/** Runs started at once while a pool grows. */
const START_CONCURRENCY = 32;

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

export interface RunnerPool {
  /** `count` new runners, each with a run started; the accounts taken in turn. */
  newRunners(count: number): Promise<BenchRunner[]>;
  /** The first `count` runners of the pool: the same ones level after level, more started when needed. */
  take(count: number): Promise<BenchRunner[]>;
}

export function runnerPool(baseUrl: string, cookies: readonly string[]): RunnerPool {
  let created = 0;
  const pool: BenchRunner[] = [];
  async function newRunners(count: number): Promise<BenchRunner[]> {
    const runners: BenchRunner[] = [];
    const add = async () => {
      const cookie = cookies[created++ % cookies.length]!;
      const activityId = randomUUID();
      const start = { id: randomUUID(), activityId, seq: 1, at: RUNS_STARTED_AT, type: "start", courseId: COURSE_ID };
      const response = await trpcPost(baseUrl, "activities.syncEvents", cookie, { activityId, events: [start] });
      if (!response.ok) throw new Error(`start failed: ${response.status} ${await response.text()}`);
      runners.push({ cookie, activityId, startedAt: RUNS_STARTED_AT });
    };
    while (runners.length < count) await Promise.all(Array.from({ length: Math.min(START_CONCURRENCY, count - runners.length) }, add));
    return runners;
  }
  return {
    newRunners,
    async take(count) {
      if (pool.length < count) pool.push(...(await newRunners(count - pool.length)));
      return pool.slice(0, count);
    },
  };
}
