/**
 * What one follower holds on an app server, exactly: `node --expose-gc --import tsx scripts/bench/live-follower-memory.ts`
 * (bench:live runs it). In one process against the real Redis (REDIS_URL, a prefix of its own): 100 live runs
 * folded from 15 minutes of fixes each (live-state.ts, as the fan-out does), then 1,000 follow streams
 * (follow-stream.ts, through the real hub and follower set; access allowed without PostgreSQL) read to their
 * snapshot and through 5 updates per run. The V8 heap after full collections, before, with and after them,
 * divided by the followers: the server's own state per follower, which a whole-app RSS reading, taken
 * anywhere in a GC cycle and beside the uploads' garbage, cannot isolate. The HTTP connection's socket and
 * buffers come on top (Node's, a few KiB each, not ours).
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { createFollowers } from "@/server/live/followers";
import { openFollowStream } from "@/server/live/follow-stream";
import { createLiveHub } from "@/server/live/live-hub";
import { liveKeys } from "@/server/live/live-keys";
import { EMPTY_LIVE_STATE, foldBatch, type LiveRunInfo, type LiveRunState } from "@/server/live/live-state";
import { createLiveStore } from "@/server/live/live-store";

const RUNS = 100;
const FOLLOWERS_PER_RUN = 10;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc!();
    await sleep(100);
  }
  return process.memoryUsage().heapUsed;
}

const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `rc_bench_followmem_${Date.now().toString(36)}:`;
const redis = new Redis(url);
const keys = liveKeys(prefix);
const store = createLiveStore(redis, keys);
const hub = createLiveHub(url, keys);
const followers = createFollowers(redis, keys);

const startedAt = Date.now() - 15 * 60_000;
const info: LiveRunInfo = { startedAt, pauses: [], finishedAt: null, steps: [{ type: "run", durationSeconds: 3600 }], hideRouteEnds: false };
const runs = Array.from({ length: RUNS }, () => randomUUID());
const states = new Map<string, LiveRunState>();
let k = 0;
const fixes = (from: number, count: number, runIndex: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    ts: from + i * 1000,
    lat: 37.5 + runIndex * 0.01 + Math.sin((k + i) / 40) * 0.004,
    lng: 126.9 + ((k + i) * 3) / 88_000,
    accuracy: 5,
    altitude: null,
    speed: 3,
  }));

async function publishBatch(runIndex: number, from: number, count: number) {
  const id = runs[runIndex]!;
  const { state, update } = foldBatch(states.get(id) ?? EMPTY_LIVE_STATE, fixes(from, count, runIndex), info);
  states.set(id, state);
  if (update) await store.publish(id, { ...state, finished: false }, { type: "update", ...update });
}

/** 1,000 followers connect, read their snapshot and 5 updates per run, and leave; the heap with them and after. */
async function followRound() {
  const controllers: AbortController[] = [];
  let snapshots = 0;
  let updates = 0;
  for (const id of runs) {
    for (let f = 0; f < FOLLOWERS_PER_RUN; f++) {
      const controller = new AbortController();
      controllers.push(controller);
      const stream = await openFollowStream(
        { store, hub, followers, maxFollowers: FOLLOWERS_PER_RUN, lifetimeMs: 600_000, mayFollow: async () => true },
        { activityId: id, viewerId: randomUUID(), ownerId: randomUUID(), lastEventId: null, finished: false, signal: controller.signal },
      );
      if (!stream) throw new Error("a follower was refused");
      void (async () => {
        const reader = stream.getReader();
        const decoder = new TextDecoder();
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          const text = decoder.decode(read.value);
          if (text.includes("event: snapshot")) snapshots++;
          if (text.includes("event: update")) updates++;
        }
      })();
    }
  }
  while (snapshots < RUNS * FOLLOWERS_PER_RUN) await sleep(100);
  const now = Date.now();
  for (let u = 0; u < 5; u++) {
    for (let r = 0; r < RUNS; r++) await publishBatch(r, now - 15_000 + u * 3_000, 3);
    k += 3;
    await sleep(300);
  }
  const deadline = Date.now() + 10_000;
  while (updates < RUNS * FOLLOWERS_PER_RUN * 5 && Date.now() < deadline) await sleep(100);
  const withFollowers = await heapAfterGc();

  for (const controller of controllers) controller.abort();
  await sleep(500);
  return { withFollowers, after: await heapAfterGc(), snapshots, updates };
}

try {
  // 15 minutes of 1 Hz fixes per run, in 15 s batches, as a phone nobody followed would have sent them.
  for (let r = 0; r < RUNS; r++) for (let t = 0; t < 60; t++) await publishBatch(r, startedAt + t * 15_000, 15);
  k += 900;
  const before = await heapAfterGc();

  // Twice: what the second round leaves behind beyond the first is what a follower would leak.
  const first = await followRound();
  const second = await followRound();
  const { withFollowers, after, snapshots, updates } = first;
  const n = RUNS * FOLLOWERS_PER_RUN;
  const kib = (bytes: number) => (bytes / 1024).toFixed(1);
  console.log(`follower memory, in process: ${n} follow streams over ${RUNS} runs (routes of 900 fixes), ${snapshots} snapshots and ${updates} updates read`);
  console.log(`  heap after GC ${kib(before)} → ${kib(withFollowers)} → ${kib(after)} KiB (before → with → after): ${kib((withFollowers - before) / n)} KiB per follower`);
  console.log(`  a second round: ${kib(second.withFollowers)} → ${kib(second.after)} KiB: ${kib((second.withFollowers - after) / n)} KiB per follower; left behind beyond the first round ${kib(second.after - after)} KiB`);
} finally {
  const stale = await redis.keys(`${prefix}*`);
  if (stale.length > 0) await redis.del(...stale);
  hub.close();
  redis.disconnect();
}
process.exit(0);
