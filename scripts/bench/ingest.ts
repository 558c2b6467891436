/**
 * `npm run bench:ingest`: point ingest through the app's HTTP tRPC endpoint against the same writes straight
 * through cassandra-driver, in one run, at growing numbers of runners (ingest-load.ts describes the loads).
 *
 * Part 1, the target: runners at the real cadence (a fix every 3 s, uploads like the phone), doubling N until
 * the HTTP path saturates (backlog grows, or p99 passes the upload interval), then once halfway between the
 * last level kept up with and the first saturated one. For each N both paths carry the same load; it prints
 * points/s offered and acknowledged, HTTP/driver, batch latency, the app's CPU use and the load generator's
 * (this process: on one machine the simulated phones share the two cores with the server).
 * Part 2, context: each path's raw ceiling in closed loops of 20- and 200-point batches.
 *
 * It starts what it needs and stops it afterwards: its own Cassandra node (port 9542, .data/bench-ingest-cassandra),
 * a throwaway PostgreSQL database, and the built app on port 3600 with the rate limit lifted.
 *
 * Env: BENCH_RUNNERS (first N, default 250), BENCH_MAX_RUNNERS (default 16000), BENCH_SECONDS measured per
 * phase (default 30, after one upload interval of warm-up), BENCH_CLOSED_LEVELS (default 16),
 * BENCH_CLOSED_BATCHES (points per closed-loop batch, default 20,200), BENCH_CONNECTIONS (keep-alive
 * connections to the app, default 256: the app is modelled behind a reverse proxy, see lib/pooled-post.ts),
 * BENCH_CPU_PROFILE=dir (a V8 CPU profile of the app, for DevTools).
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import superjson from "superjson";
import { POINT_UPLOAD_INTERVAL_MS } from "@/app/_lib/outbox/cadence";
import type { TrackPoint } from "@/domain/geo/track-point";
import { createLocationStore } from "@/server/cassandra/location-store";
import { stableUuid } from "@/server/db/seed-catalog";
import { CLOSED_LOOP_WINDOW_MS, closedLoop, runnersAtCadence, type BenchRunner, type LoadResult } from "./ingest-load";
import { startBenchStack, type BenchStack } from "./lib/bench-stack";
import { pooledPost } from "./lib/pooled-post";

const FIRST_RUNNERS = Number(process.env.BENCH_RUNNERS ?? 250);
const MAX_RUNNERS = Number(process.env.BENCH_MAX_RUNNERS ?? 16_000);
const MEASURE_MS = Number(process.env.BENCH_SECONDS ?? 30) * 1000;
const CLOSED_LEVELS = (process.env.BENCH_CLOSED_LEVELS ?? "16").split(",").filter(Boolean).map(Number);
/** Keep-alive connections from the simulated phones to the app, as a reverse proxy's upstream pool (pooled-post.ts). */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 256);
/** 20: a minute at one fix per 3 s; 200: the outbox's largest batch, what a phone sends catching up after an offline stretch. */
const CLOSED_BATCHES = (process.env.BENCH_CLOSED_BATCHES ?? "20,200").split(",").filter(Boolean).map(Number);
/** better-auth allows ~3 sign-ups per 10 s; runs are spread over these users (the ingest limit is lifted). */
const USERS = 3;
const COURSE_ID = stableUuid("course:30-minute-run-challenge-w1s1");
const runId = Date.now().toString(36);

/** CPU time (user + system) the process has used so far, in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of stat(5), counted from the state field (3) here; clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Runs a load and reports the app's CPU during it (cores in use, and ms per acknowledged batch), and this
 * process's own: on one machine the simulated phones share the cores with the server, and a saturated
 * generator would pass for a saturated server.
 */
async function measured(appPid: number, load: () => Promise<LoadResult>) {
  const cpuBefore = cpuMs(appPid);
  const generatorBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result = await load();
  const cpu = cpuMs(appPid) - cpuBefore;
  const generator = process.cpuUsage(generatorBefore);
  const wall = performance.now() - wallBefore;
  return {
    ...result,
    appCores: cpu / wall,
    appCpuPerBatch: result.allBatches ? cpu / result.allBatches : 0,
    generatorCores: (generator.user + generator.system) / 1000 / wall,
  };
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);
const pad = (text: string, width: number) => text.padStart(width);
const latency = (r: LoadResult) => `${fmt(r.p50, 1)} / ${fmt(r.p95, 1)} / ${fmt(r.p99, 1)}`;

let stack: BenchStack | undefined;
try {
  stack = await startBenchStack({
    name: "ingest",
    cassandraPort: 9542,
    appPort: 3600,
    appEnv: { INGEST_BATCHES_PER_MINUTE: "100000" },
    cpuProfileDir: process.env.BENCH_CPU_PROFILE,
  });
  const { trpcPost } = stack;

  const cookies: string[] = [];
  for (let i = 0; i < USERS; i++) cookies.push((await stack.signUp(`bench${runId}${i}`)).cookie);
  const startedAt = Date.now() - CLOSED_LOOP_WINDOW_MS - 3600_000;
  const runners: BenchRunner[] = [];
  const addRunners = async (count: number) => {
    const add = async () => {
      const cookie = cookies[runners.length % USERS]!;
      const activityId = randomUUID();
      runners.push({ cookie, activityId, startedAt });
      const start = { id: randomUUID(), activityId, seq: 1, at: startedAt, type: "start", courseId: COURSE_ID };
      const response = await trpcPost("activities.syncEvents", cookie, { activityId, events: [start] });
      if (!response.ok) throw new Error(`start failed: ${response.status} ${await response.text()}`);
    };
    while (runners.length < count) await Promise.all(Array.from({ length: Math.min(16, count - runners.length) }, add));
  };

  const store = createLocationStore(stack.cassandra);
  const viaDriver = (runner: BenchRunner, points: TrackPoint[]) => store.append(runner.activityId, points);
  const post = pooledPost(stack.baseUrl, CONNECTIONS);
  const viaHttp = async (runner: BenchRunner, points: TrackPoint[]) => {
    const body = JSON.stringify(superjson.serialize({ activityId: runner.activityId, points }));
    const response = await post("/api/trpc/activities.appendPoints", { "content-type": "application/json", cookie: runner.cookie }, body);
    if (response.status !== 200) throw new Error(`appendPoints answered ${response.status}: ${response.body.slice(0, 200)}`);
  };
  const { appPid } = stack;

  // Warm both paths (JIT, prepared statements, connection pools) before measuring.
  await addRunners(Math.max(16, ...CLOSED_LEVELS));
  await closedLoop(runners.slice(0, 8), viaDriver, 5_000);
  await closedLoop(runners.slice(0, 8), viaHttp, 5_000);

  console.log(
    `\n1. Runners at the real cadence: a fix every 3 s, uploads every ${POINT_UPLOAD_INTERVAL_MS / 1000} s ` +
      `(after ${POINT_UPLOAD_INTERVAL_MS / 1000} s warm-up, ${MEASURE_MS / 1000} s measured per path)\n`,
  );
  console.log(
    "runners  offered pts/s   driver pts/s   HTTP pts/s  HTTP/driver  pts/batch  HTTP p50 / p95 / p99 ms  driver p50 / p99 ms  app cores  app CPU ms/batch  generator cores  HTTP stale backlog",
  );
  const cadenceRows: { runners: number; p99: number; saturated: boolean }[] = [];
  const measureLevel = async (level: number) => {
    await addRunners(level);
    const group = runners.slice(0, level);
    const driver = await measured(appPid, () => runnersAtCadence(group, viaDriver, MEASURE_MS));
    const http = await measured(appPid, () => runnersAtCadence(group, viaHttp, MEASURE_MS));
    // Saturated: the server no longer keeps up (points pile up on the phones) or answers slower than the
    // upload interval, so the next round starts before this one ends.
    const saturated =
      http.acknowledgedPerSecond < 0.95 * http.offeredPerSecond ||
      http.backlog > 0 ||
      http.p99 > POINT_UPLOAD_INTERVAL_MS ||
      http.failures > 0;
    cadenceRows.push({ runners: level, p99: http.p99, saturated });
    console.log(
      [
        pad(String(level), 7),
        pad(fmt(http.offeredPerSecond), 14),
        pad(fmt(driver.acknowledgedPerSecond), 13),
        pad(fmt(http.acknowledgedPerSecond), 11),
        pad(fmt(http.acknowledgedPerSecond / driver.acknowledgedPerSecond, 2), 11),
        pad(fmt(http.meanBatchSize, 1), 9),
        pad(latency(http), 23),
        pad(`${fmt(driver.p50, 1)} / ${fmt(driver.p99, 1)}`, 19),
        pad(fmt(http.appCores, 2), 9),
        pad(fmt(http.appCpuPerBatch, 2), 16),
        pad(fmt(http.generatorCores, 2), 15),
        pad(`${http.backlog}${http.failures ? ` (${http.failures} failed)` : ""}`, 13),
      ].join("  "),
    );
    if (http.firstFailure) console.log(`         first HTTP failure: ${http.firstFailure}`);
    return saturated;
  };
  // Doubling finds the octave where HTTP saturates; one more level halfway narrows it.
  let lastKept = 0;
  for (let level = FIRST_RUNNERS; level <= MAX_RUNNERS; level *= 2) {
    if (await measureLevel(level)) {
      if (lastKept > 0) await measureLevel(Math.round((lastKept + level) / 2));
      break;
    }
    lastKept = level;
  }
  const saturation = cadenceRows.filter((row) => row.saturated).sort((a, b) => a.runners - b.runners)[0];
  if (saturation) {
    const below = cadenceRows.filter((row) => !row.saturated && row.runners < saturation.runners).sort((a, b) => b.runners - a.runners)[0];
    const half = cadenceRows.filter((row) => row.runners <= saturation.runners / 2).sort((a, b) => b.runners - a.runners)[0];
    console.log(
      `\nHTTP saturates between ${below?.runners ?? 0} and ${saturation.runners} runners` +
        (half ? `; at ${half.runners} runners (half of ${saturation.runners} or less) its batch p99 is ${fmt(half.p99, 1)} ms.` : "."),
    );
  } else {
    console.log(`\nHTTP kept up with ${MAX_RUNNERS} runners (BENCH_MAX_RUNNERS); not saturated.`);
  }

  if (CLOSED_LEVELS.length > 0) {
    console.log(`\n2. Raw ceiling: closed loops, ${MEASURE_MS / 1000} s per path\n`);
    console.log("pts/batch  runners   driver pts/s   HTTP pts/s   HTTP/driver   HTTP p50 / p95 / p99 ms   driver p50 / p99 ms   app CPU ms/batch   generator cores");
    for (const batchSize of CLOSED_BATCHES) {
      for (const level of CLOSED_LEVELS) {
        const group = runners.slice(0, level);
        const driver = await closedLoop(group, viaDriver, MEASURE_MS, batchSize);
        const http = await measured(appPid, () => closedLoop(group, viaHttp, MEASURE_MS, batchSize));
        console.log(
          [
            pad(String(batchSize), 9),
            pad(String(level), 7),
            pad(fmt(driver.acknowledgedPerSecond), 12),
            pad(fmt(http.acknowledgedPerSecond), 10),
            pad(fmt(http.acknowledgedPerSecond / driver.acknowledgedPerSecond, 2), 11),
            pad(latency(http), 23),
            pad(`${fmt(driver.p50, 1)} / ${fmt(driver.p99, 1)}`, 19),
            pad(fmt(http.appCpuPerBatch, 2), 16),
            pad(fmt(http.generatorCores, 2), 15),
          ].join("   "),
        );
      }
    }
  }
  post.close();
} finally {
  await stack?.close();
}
