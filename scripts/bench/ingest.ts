/**
 * `npm run bench:ingest`: point ingest through the app's HTTP tRPC endpoint against the same writes straight
 * through cassandra-driver, in one run, at several concurrency levels.
 *
 * It starts what it needs and stops it afterwards: its own Cassandra node (port 9542, .data/bench-cassandra),
 * a throwaway PostgreSQL database, and the built app on port 3600 with the rate limit lifted. Each simulated
 * runner uploads like the real client: batches of 20 points (a minute of fixes at one every 3 s), each point
 * with its own UUID, the next batch as soon as the last one is acknowledged (closed loop, so N runners =
 * N requests in flight). The driver phase writes the same kind of batches with the same location store
 * (single-partition unlogged batches of prepared inserts) at the same concurrency.
 *
 * Env: BENCH_LEVELS (default 4,16,64,128), BENCH_SECONDS per phase (default 10).
 */
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import superjson from "superjson";
import type { TrackPoint } from "@/domain/geo/track-point";
import { createCassandraClient, type CassandraSettings } from "@/server/cassandra/client";
import { createLocationStore } from "@/server/cassandra/location-store";
import { migrateCassandra } from "@/server/cassandra/migrate";
import { stableUuid } from "@/server/db/seed-catalog";
import { startCluster } from "../cassandra/launcher";
import { ensureBuilt } from "../lib/build";
import { run, startBackground, stopBackground, waitForHttp } from "../lib/processes";
import { createTestDatabase, dropTestDatabase } from "../lib/test-postgres";

const LEVELS = (process.env.BENCH_LEVELS ?? "4,16,64,128").split(",").map(Number);
const PHASE_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const POINTS_PER_BATCH = 20;
const POINT_INTERVAL_MS = 3_000;
/** better-auth allows ~3 sign-ups per 10 s; runs are spread over these users (the ingest limit is lifted). */
const USERS = 3;
const PORT = 3600;
const BASE_URL = `http://127.0.0.1:${PORT}`;
const COURSE_ID = stableUuid("course:30-minute-run-challenge-w1s1");
const runId = Date.now().toString(36);

/** The runs start this long ago; point times cycle inside it, because a closed loop sends far faster than
 * one point per 3 s and the server refuses points outside a run's time window (or in the future). */
const RUN_WINDOW_MS = 47 * 3600_000;

interface Runner {
  cookie: string;
  activityId: string;
  startedAt: number;
  sent: number;
}

function nextBatch(runner: Runner): TrackPoint[] {
  return Array.from({ length: POINTS_PER_BATCH }, () => {
    const ts = runner.startedAt + ((++runner.sent * POINT_INTERVAL_MS) % RUN_WINDOW_MS);
    return { id: randomUUID(), ts, lat: 37.52 + Math.random() * 0.01, lng: 126.93 + Math.random() * 0.01, altitude: 20, accuracy: 5, speed: 3 };
  });
}

async function trpcPost(pathName: string, cookie: string, input: unknown): Promise<Response> {
  return fetch(`${BASE_URL}/api/trpc/${pathName}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify(superjson.serialize(input)),
  });
}

async function signUp(i: number): Promise<string> {
  const name = `bench${runId}${i}`;
  const response = await fetch(`${BASE_URL}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE_URL },
    body: JSON.stringify({ name, email: `${name}@example.test`, password: "correct horse battery", username: name }),
  });
  if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

/** Runs `concurrency` closed loops of `write` for the phase; returns points/s and batch latencies. */
async function phase(runners: Runner[], write: (runner: Runner, points: TrackPoint[]) => Promise<void>) {
  const latencies: number[] = [];
  let points = 0;
  const deadline = performance.now() + PHASE_MS;
  const started = performance.now();
  await Promise.all(
    runners.map(async (runner) => {
      while (performance.now() < deadline) {
        const batch = nextBatch(runner);
        const t0 = performance.now();
        await write(runner, batch);
        latencies.push(performance.now() - t0);
        points += batch.length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { pointsPerSecond: points / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

const cleanups: (() => Promise<void>)[] = [];
try {
  const cluster = await startCluster({ dataDir: path.resolve(".data/bench-cassandra"), nativePort: 9542, log: (l) => console.log(`  cassandra: ${l}`) });
  cleanups.unshift(() => cluster.stop());
  const settings: CassandraSettings = { contactPoints: cluster.contactPoints, localDataCenter: "datacenter1", keyspace: `runcoach_bench_${runId}`, replicationFactor: 1 };
  await migrateCassandra(settings);
  const databaseName = `runcoach_bench_${runId}`;
  const databaseUrl = await createTestDatabase(databaseName);
  cleanups.push(() => dropTestDatabase(databaseName));
  const appEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    CASSANDRA_CONTACT_POINTS: cluster.contactPoints.join(","),
    CASSANDRA_KEYSPACE: settings.keyspace,
    INGEST_BATCHES_PER_MINUTE: "100000",
    LOG_LEVEL: "warn",
  };
  for (const script of ["scripts/migrate.ts", "scripts/seed.ts"]) {
    if ((await run("node_modules/.bin/tsx", [script], appEnv)) !== 0) throw new Error(`${script} failed`);
  }
  await ensureBuilt(appEnv);
  const app = startBackground("node_modules/.bin/next", ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...appEnv, NODE_ENV: "production", BETTER_AUTH_URL: BASE_URL, BETTER_AUTH_SECRET: randomBytes(32).toString("base64") },
    logFile: path.resolve(".data/bench-app.log"),
  });
  cleanups.unshift(() => stopBackground(app));
  await waitForHttp(`${BASE_URL}/api/health`, { timeoutMs: 60_000, alive: () => app.exitCode === null });

  const cookies: string[] = [];
  for (let i = 0; i < USERS; i++) cookies.push(await signUp(i));
  const maxRunners = Math.max(...LEVELS);
  const startedAt = Date.now() - RUN_WINDOW_MS - 3600_000;
  const runners: Runner[] = [];
  for (let i = 0; i < maxRunners; i++) {
    const cookie = cookies[i % USERS]!;
    const activityId = randomUUID();
    const start = { id: randomUUID(), activityId, seq: 1, at: startedAt, type: "start", courseId: COURSE_ID };
    const response = await trpcPost("activities.syncEvents", cookie, { activityId, events: [start] });
    if (!response.ok) throw new Error(`start failed: ${response.status} ${await response.text()}`);
    runners.push({ cookie, activityId, startedAt, sent: 0 });
  }

  const client = createCassandraClient(settings, { withKeyspace: true });
  await client.connect();
  cleanups.unshift(() => client.shutdown());
  const store = createLocationStore(client);
  const viaDriver = (runner: Runner, points: TrackPoint[]) => store.append(runner.activityId, points);
  const viaHttp = async (runner: Runner, points: TrackPoint[]) => {
    const response = await trpcPost("activities.appendPoints", runner.cookie, { activityId: runner.activityId, points });
    if (!response.ok) throw new Error(`appendPoints answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    await response.arrayBuffer();
  };

  // Warm both paths (JIT, prepared statements, connection pools) before measuring.
  await phase(runners.slice(0, 8), viaDriver);
  await phase(runners.slice(0, 8), viaHttp);

  console.log(`\ningest benchmark: ${POINTS_PER_BATCH} points per batch, ${PHASE_MS / 1000} s per phase, closed loop\n`);
  console.log("runners   driver pts/s   HTTP pts/s   HTTP/driver   HTTP batch p50 / p95 / p99 (ms)   driver p50 / p99 (ms)");
  for (const level of LEVELS) {
    const group = runners.slice(0, level);
    const driver = await phase(group, viaDriver);
    const http = await phase(group, viaHttp);
    console.log(
      `${String(level).padStart(7)}   ${driver.pointsPerSecond.toFixed(0).padStart(12)}   ${http.pointsPerSecond.toFixed(0).padStart(10)}   ${(http.pointsPerSecond / driver.pointsPerSecond).toFixed(2).padStart(11)}   ${`${http.p50.toFixed(1)} / ${http.p95.toFixed(1)} / ${http.p99.toFixed(1)}`.padStart(31)}   ${`${driver.p50.toFixed(1)} / ${driver.p99.toFixed(1)}`.padStart(21)}`,
    );
  }
} finally {
  for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error("cleanup:", error));
}
