/**
 * The simulated runners' accounts and runs. Accounts are signed up through better-auth; runs are started with
 * the start event the app sends (`activities.syncEvents`) through whatever answers the ingest mutations — the
 * upload API itself (bench:ingest) or the load balancer in front of several (bench:scale) — and handed out as
 * a pool that grows when a level needs more runners than the last.
 */
import { randomUUID } from "node:crypto";
import { COURSE_ID, trpcPost } from "../../lib/simulated-runner";
import { CLOSED_LOOP_WINDOW_MS, type BenchRunner } from "./load";

/** Every bench run starts before the closed loop's window of point times (load.ts). */
export const RUNS_STARTED_AT = Date.now() - CLOSED_LOOP_WINDOW_MS - 3600_000;

/** Runs started at once while a pool grows. */
const START_CONCURRENCY = 32;

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
