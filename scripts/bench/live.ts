/**
 * `npm run bench:live`: live runs on the bench's own stack (Cassandra, Kafka, app, one Location Service with its
 * live fan-out; Redis at REDIS_URL, default redis://127.0.0.1:6379, under a prefix of its own).
 *
 * 1. Latency, fix taken → shown to a follower, in one run: phones take a fix a second and upload at the
 *    followed cadence (3 s) with one SSE follower each, then the same phones at the normal 15 s cadence with
 *    nobody following, observed straight from Redis (what a follower would have been sent), the baseline.
 * 2. 1,000 followers over 100 live runs (10 runner and 10 follower accounts, every pair friends, 10 runs per
 *    runner account): the app server's CPU and memory per follower, and the ingest throughput (closed loop of
 *    20-point batches) with and without the followers connected.
 * 3. The server's own memory per follower, exactly (scripts/bench/live-follower-memory.ts, after full GCs).
 * Refuses to start when the 1-minute load average is 3 or more (the figures would measure the neighbours).
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import { Redis } from "ioredis";
import { cpuMs } from "../lib/proc-cpu";
import { COURSE_ID, signUp } from "../lib/simulated-runner";
import { createCleanups, startBenchStack, type BenchStack } from "./lib/bench-stack";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `rc_bench_live_${Date.now().toString(36)}:`;
const LATENCY_RUNS = 10;
const LATENCY_SECONDS = 90;
const SCALE_RUNS = 100;
const FOLLOWERS_PER_RUN = 10;
const ACCOUNTS = 10;
const WINDOW_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const percentile = (samples: number[], p: number) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? NaN;
const rssKiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);

interface Run {
  cookie: string;
  activityId: string;
  /** Fix times taken and not yet uploaded / uploaded and not yet seen by the observer. */
  waiting: number[];
  inFlight: number[];
}

async function post(stack: BenchStack, procedure: string, cookie: string, input: unknown) {
  const response = await stack.trpcPost(procedure, cookie, input);
  if (!response.ok) throw new Error(`${procedure}: ${response.status} ${await response.text()}`);
  return response;
}

async function startRun(stack: BenchStack, cookie: string): Promise<Run> {
  const activityId = randomUUID();
  const start = { id: randomUUID(), activityId, seq: 1, at: Date.now() - 1_000, type: "start", courseId: COURSE_ID };
  await post(stack, "activities.syncEvents", cookie, { activityId, events: [start] });
  return { cookie, activityId, waiting: [], inFlight: [] };
}

/** A phone: a fix a second, uploaded every `cadenceMs`; returns a stop function. */
function phone(stack: BenchStack, run: Run, cadenceMs: () => number): () => Promise<void> {
  let stopped = false;
  let k = 0;
  const taking = setInterval(() => run.waiting.push(Date.now()), 1_000);
  const uploading = (async () => {
    await sleep(Math.random() * cadenceMs());
    while (!stopped) {
      const batch = run.waiting.splice(0);
      if (batch.length > 0) {
        const points = batch.map((ts) => ({ id: randomUUID(), ts, lat: 37.5 + (k++ * 3) / 111_195, lng: 126.9, altitude: null, accuracy: 4, speed: 3 }));
        run.inFlight.push(...batch);
        await post(stack, "activities.appendPoints", run.cookie, { activityId: run.activityId, points }).catch(() => undefined);
      }
      await sleep(cadenceMs());
    }
  })();
  return async () => {
    stopped = true;
    clearInterval(taking);
    await uploading;
  };
}

/** Latency of every fix up to `lastFixAt`, seen now. */
function observe(run: Run, lastFixAt: number, samples: number[]) {
  const now = Date.now();
  run.inFlight = run.inFlight.filter((ts) => {
    if (ts > lastFixAt) return true;
    samples.push(now - ts);
    return false;
  });
}

/** An SSE follower over fetch; calls `onUpdate(lastFixAt)` per event; returns a stop function. */
function follow(stack: BenchStack, cookie: string, activityId: string, onUpdate: (lastFixAt: number) => void): () => void {
  const controller = new AbortController();
  void (async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(`${stack.baseUrl}/api/live/${activityId}/events`, { headers: { cookie }, signal: controller.signal });
        if (!response.ok || !response.body) throw new Error(`follow: ${response.status}`);
        const decoder = new TextDecoder();
        let buffer = "";
        const reader = response.body.getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          buffer += decoder.decode(read.value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const data = /\ndata: (.*)$/m.exec(`\n${buffer.slice(0, end)}`)?.[1];
            buffer = buffer.slice(end + 2);
            const lastFixAt = data ? (JSON.parse(data) as { stats?: { lastFixAt?: number } }).stats?.lastFixAt : undefined;
            if (lastFixAt) onUpdate(lastFixAt);
          }
        }
      } catch {
        if (!controller.signal.aborted) await sleep(1_000);
      }
    }
  })();
  return () => controller.abort();
}

/** Signs up through the app, waiting out better-auth's sign-up limit (a few per 10 s). */
const account = (stack: BenchStack, username: string) => signUp(stack.baseUrl, stack.baseUrl, username).then((cookie) => ({ cookie, username }));

async function accounts(stack: BenchStack, tag: string) {
  const runners = [];
  const followers = [];
  for (let i = 0; i < ACCOUNTS; i++) runners.push(await account(stack, `lr${tag}${i}`));
  for (let i = 0; i < ACCOUNTS; i++) followers.push(await account(stack, `lf${tag}${i}`));
  for (const follower of followers) {
    for (const runner of runners) await post(stack, "friends.request", follower.cookie, { username: runner.username });
  }
  for (const runner of runners) {
    await post(stack, "live.setDefault", runner.cookie, { followable: true });
    const listed = await fetch(`${stack.baseUrl}/api/trpc/friends.list`, { headers: { cookie: runner.cookie } });
    const incoming = ((await listed.json()) as { result: { data: { json: { incoming: { userId: string }[] } } } }).result.data.json.incoming;
    for (const request of incoming) await post(stack, "friends.respond", runner.cookie, { userId: request.userId, action: "accept" });
  }
  return { runners, followers };
}

/** Points acknowledged per second by a closed loop of `concurrency` uploaders of 20-point batches. */
async function ingestThroughput(stack: BenchStack, runs: Run[], seconds: number, concurrency = 16): Promise<number> {
  let points = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      const run = runs[i % runs.length]!;
      while (Date.now() < deadline) {
        const now = Date.now();
        const batch = Array.from({ length: 20 }, (_, j) => ({ id: randomUUID(), ts: now - 20_000 + j * 1000, lat: 37.5, lng: 126.9, altitude: null, accuracy: 4, speed: 3 }));
        const response = await stack.trpcPost("activities.appendPoints", run.cookie, { activityId: run.activityId, points: batch });
        if (response.ok) points += 20;
        await response.arrayBuffer();
      }
    }),
  );
  return points / seconds;
}

const cleanups = createCleanups();
process.on("SIGINT", () => void cleanups.run().then(() => process.exit(130)));
const load = os.loadavg()[0]!;
if (load >= 3) {
  console.log(`bench:live not run: load average ${fmt(load, 2)} ≥ 3 (the figures would measure other work)`);
  process.exit(0);
}
try {
  console.log(`bench:live ${new Date().toISOString()}  load average ${os.loadavg().map((l) => fmt(l, 2)).join(" ")}  ${os.cpus().length} cores`);
  const stack = await startBenchStack({
    name: "live",
    cassandraPort: 9742,
    appPort: 3742,
    kafka: { port: 9792 },
    writers: 1,
    writerPortBase: 9764,
    appEnv: { REDIS_URL, LIVE_REDIS_PREFIX: PREFIX, INGEST_BATCHES_PER_MINUTE: "100000", LIVE_MAX_FOLLOWERS_PER_RUN: String(FOLLOWERS_PER_RUN) },
    cleanups,
  });
  const tag = Date.now().toString(36);
  const { runners, followers } = await accounts(stack, tag);

  // 1. Latency: followed (3 s cadence, SSE) then the baseline (15 s cadence, nobody following, seen in Redis).
  const followed: number[] = [];
  const runs = await Promise.all(Array.from({ length: LATENCY_RUNS }, (_, i) => startRun(stack, runners[i % ACCOUNTS]!.cookie)));
  const unfollow = runs.map((run, i) => follow(stack, followers[i % ACCOUNTS]!.cookie, run.activityId, (at) => observe(run, at, followed)));
  await sleep(2_000);
  let stops = runs.map((run) => phone(stack, run, () => 3_000));
  await sleep(LATENCY_SECONDS * 1000);
  await Promise.all(stops.map((stop) => stop()));
  unfollow.forEach((stop) => stop());
  const baseline: number[] = [];
  const baseRuns = await Promise.all(Array.from({ length: LATENCY_RUNS }, (_, i) => startRun(stack, runners[i % ACCOUNTS]!.cookie)));
  const subscriber = new Redis(REDIS_URL);
  cleanups.add(async () => subscriber.disconnect());
  const byChannel = new Map(baseRuns.map((run) => [`${PREFIX}run:{${run.activityId}}:channel`, run]));
  await subscriber.subscribe(...byChannel.keys());
  subscriber.on("message", (channel: string, payload: string) => {
    const at = (JSON.parse(payload) as { stats?: { lastFixAt?: number } }).stats?.lastFixAt;
    const run = byChannel.get(channel);
    if (run && at) observe(run, at, baseline);
  });
  stops = baseRuns.map((run) => phone(stack, run, () => 15_000));
  await sleep(LATENCY_SECONDS * 1000);
  await Promise.all(stops.map((stop) => stop()));
  console.log(`\nfix → follower latency (ms), ${LATENCY_RUNS} runs, ${LATENCY_SECONDS} s each, a fix a second:`);
  console.log(`  followed, 3 s upload cadence, SSE:      p50 ${fmt(percentile(followed, 0.5), 0)}  p95 ${fmt(percentile(followed, 0.95), 0)}  (${followed.length} fixes)`);
  console.log(`  baseline, 15 s cadence, nobody follows: p50 ${fmt(percentile(baseline, 0.5), 0)}  p95 ${fmt(percentile(baseline, 0.95), 0)}  (${baseline.length} fixes, seen in Redis)`);

  // 2. 1,000 followers over 100 runs.
  const scaleRuns: Run[] = [];
  for (let i = 0; i < SCALE_RUNS; i++) scaleRuns.push(await startRun(stack, runners[i % ACCOUNTS]!.cookie));
  stops = scaleRuns.map((run) => phone(stack, run, () => 3_000));
  // The closed loop uploads to runs of its own that nobody follows: it measures what the followers of the 100
  // runs cost ingest, not the fan-out of its own hundreds of batches a second to followers.
  const ingestRuns: Run[] = [];
  for (let i = 0; i < 16; i++) ingestRuns.push(await startRun(stack, runners[i % ACCOUNTS]!.cookie));
  // Warm the app (JIT, pools) with the same closed loop first, so the first measured window is not the cold one.
  await ingestThroughput(stack, ingestRuns, 15);
  await sleep(10_000);
  const writerPid = stack.writers[0]!.pid;
  // RSS read from /proc every second (no request to the app, whose CPU the window measures); its lowest
  // value over the window. The whole app's memory keeps growing with the uploads' garbage, so this is context;
  // what a follower holds is measured apart, after full collections (part 3).
  const measureWindow = async () => {
    const [app0, writer0] = [cpuMs(stack.appPid), cpuMs(writerPid)];
    const rss: number[] = [];
    const deadline = Date.now() + WINDOW_MS;
    while (Date.now() < deadline) {
      rss.push(rssKiB(stack.appPid));
      await sleep(1_000);
    }
    return { app: (cpuMs(stack.appPid) - app0) / WINDOW_MS, writer: (cpuMs(writerPid) - writer0) / WINDOW_MS, rss: Math.min(...rss) };
  };
  const without = await measureWindow();
  const ingestWithout = await ingestThroughput(stack, ingestRuns, 20);
  const seen: number[] = [];
  const connections = scaleRuns.flatMap((run) =>
    Array.from({ length: FOLLOWERS_PER_RUN }, (_, f) => follow(stack, followers[f % ACCOUNTS]!.cookie, run.activityId, () => seen.push(1))),
  );
  await sleep(15_000);
  const withFollowers = await measureWindow();
  const eventsInWindow = seen.length;
  const ingestWith = await ingestThroughput(stack, ingestRuns, 20);
  connections.forEach((stop) => stop());
  await sleep(10_000);
  // Again without, after: what drifted over the run (heap growth, warm-up) rather than what followers cost.
  const after = await measureWindow();
  const ingestAfter = await ingestThroughput(stack, ingestRuns, 20);
  await Promise.all(stops.map((stop) => stop()));
  const n = SCALE_RUNS * FOLLOWERS_PER_RUN;
  const perFollowerUs = (withCores: number, withoutCores: number) => fmt(((withCores - withoutCores) * 1e6) / n);
  console.log(`\n${n} followers over ${SCALE_RUNS} runs (phones at 3 s); windows of ${WINDOW_MS / 1000} s: without → with → without again`);
  console.log(`  app CPU ${fmt(without.app * 100)} → ${fmt(withFollowers.app * 100)} → ${fmt(after.app * 100)} % of a core: ${perFollowerUs(withFollowers.app, (without.app + after.app) / 2)} µs per follower per second`);
  console.log(`  writer (fan-out) CPU ${fmt(without.writer * 100)} → ${fmt(withFollowers.writer * 100)} → ${fmt(after.writer * 100)} % of a core`);
  console.log(`  app RSS floor ${fmt(without.rss / 1024)} → ${fmt(withFollowers.rss / 1024)} → ${fmt(after.rss / 1024)} MiB: ${fmt((withFollowers.rss - (without.rss + after.rss) / 2) / n)} KiB per follower`);
  console.log(`  events received by followers: ${eventsInWindow} by the end of the window with followers`);
  console.log(`  ingest (closed loop, 16 uploaders of 20 points): ${fmt(ingestWithout, 0)} → ${fmt(ingestWith, 0)} → ${fmt(ingestAfter, 0)} points/s, with/without ratio ${fmt(ingestWith / ((ingestWithout + ingestAfter) / 2), 2)}`);
  // 3. What one follower holds, exactly: its own process with --expose-gc (live-follower-memory.ts).
  console.log("");
  spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "scripts/bench/live-follower-memory.ts"], { stdio: "inherit", env: { ...process.env, REDIS_URL } });
  console.log(`\nload average at the end ${os.loadavg().map((l) => fmt(l, 2)).join(" ")}`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanups.run();
}
