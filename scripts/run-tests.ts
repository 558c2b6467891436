/**
 * The whole test suite, as `npm test` runs it: lint, typecheck, unit; then, with a real Cassandra node, a real
 * Kafka broker and a throwaway PostgreSQL database that this script starts and creates, integration and
 * end-to-end tests (each with its own Location Service process writing uploads to Cassandra); then, on the
 * scaled setup, the short form of the fault tests (SKIP_FAULTS=1 leaves them out).
 * Every stage runs even if an earlier one failed; everything started is stopped; the exit code is non-zero
 * on any failure. The last line counts the tests: "N passed, N failed".
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { Admin } from "@platformatic/kafka";
import cassandra from "cassandra-driver";
import { startCluster, type Cluster } from "./cassandra/launcher";
import { startKafka } from "./kafka/launcher";
import { startRedis } from "./redis/launcher";
import { startLocationServiceProcess } from "./lib/location-service-process";
import { ensureBuilt } from "./lib/build";
import { formatMs, run, startBackground, stopBackground, waitForHttp, type Environment } from "./lib/processes";
import { createTestDatabase, dropTestDatabase } from "./lib/test-postgres";

const ROOT = process.cwd();
const REPORTS = path.join(ROOT, ".data", "test-reports");
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const runId = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
const databaseName = `runcoach_test_${runId}`;
const keyspace = `runcoach_test_${runId}`;
const topicPrefix = `runcoach_test_${runId}`;

interface StageResult {
  name: string;
  ok: boolean;
  ms: number;
  passed: number;
  failed: number;
}
const results: StageResult[] = [];
const cleanups: (() => Promise<void>)[] = [];

async function stage(name: string, body: () => Promise<{ ok: boolean; passed?: number; failed?: number }>) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  let outcome: { ok: boolean; passed?: number; failed?: number };
  try {
    outcome = await body();
  } catch (error) {
    console.error(`${name} failed:`, error instanceof Error ? error.message : error);
    outcome = { ok: false };
  }
  const result = { name, ok: outcome.ok, ms: Date.now() - started, passed: outcome.passed ?? 0, failed: outcome.failed ?? (outcome.ok ? 0 : 1) };
  results.push(result);
  console.log(`━━ ${name}: ${result.ok ? "ok" : "FAILED"} in ${formatMs(result.ms)}`);
  return result.ok;
}

/** Counts from a vitest or playwright JSON report (0/1 if the report is missing). */
function vitestCounts(file: string, exitCode: number) {
  try {
    const report = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
    return { ok: exitCode === 0, passed: report.numPassedTests, failed: report.numFailedTests + (exitCode === 0 ? 0 : report.numFailedTests === 0 ? 1 : 0) };
  } catch {
    return { ok: exitCode === 0, failed: exitCode === 0 ? 0 : 1 };
  }
}

function playwrightCounts(file: string, exitCode: number) {
  try {
    const report = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
    const failed = report.stats.unexpected;
    return { ok: exitCode === 0, passed: report.stats.expected + report.stats.flaky, failed: failed + (exitCode !== 0 && failed === 0 ? 1 : 0) };
  } catch {
    return { ok: exitCode === 0, failed: exitCode === 0 ? 0 : 1 };
  }
}

async function vitest(project: string, env: Environment) {
  const report = path.join(REPORTS, `${project}.json`);
  const code = await run(
    "node_modules/.bin/vitest",
    ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    env,
  );
  return vitestCounts(report, code);
}

async function dropTopics(brokers: string[], prefix: string) {
  const admin = new Admin({ clientId: "runcoach-test-cleanup", bootstrapBrokers: brokers });
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.close();
  }
}

async function main() {
  rmSync(REPORTS, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });
  const bin = (name: string) => path.join("node_modules", ".bin", name);

  await stage("lint", async () => ({ ok: (await run(bin("eslint"), ["."])) === 0 }));
  await stage("typecheck", async () => ({ ok: (await run(bin("tsc"), ["--noEmit"])) === 0 }));
  await stage("unit", () => vitest("unit", process.env));

  // Real infrastructure for the rest.
  let contactPoints = process.env.CASSANDRA_CONTACT_POINTS;
  const localDataCenter = process.env.CASSANDRA_LOCAL_DC ?? "datacenter1";
  let kafkaBrokers = process.env.KAFKA_BROKERS;
  let redisUrl = process.env.REDIS_URL;
  const infrastructureReady = await stage("start cassandra, kafka and postgres", async () => {
    if (!kafkaBrokers) {
      // Its own broker on other ports, beside one that `npm run up` may be running.
      const kafka = await startKafka({
        dataDir: path.join(ROOT, ".data", "test-kafka"),
        port: 9192,
        log: (line) => console.log(`  kafka: ${line}`),
      });
      cleanups.push(() => kafka.stop());
      kafkaBrokers = kafka.bootstrapServers.join(",");
      // The broker's data folder is kept between runs: drop this run's topics, as the keyspace is dropped.
      cleanups.unshift(() => dropTopics(kafka.bootstrapServers, topicPrefix));
      console.log(`  kafka ${kafka.version} at ${kafkaBrokers}`);
    }
    if (!redisUrl) {
      // Live runs (server/live/) need Redis: its own, on a port of its own, holding nothing on disk.
      const redis = await startRedis({ port: 6391, dataDir: path.join(ROOT, ".data", "test-redis"), log: (line) => console.log(`  redis: ${line}`) });
      cleanups.push(() => redis.stop());
      redisUrl = redis.url;
      console.log(`  redis at ${redisUrl}`);
    }
    if (!contactPoints) {
      // Its own node on other ports, so a node started by `npm run up` can keep running beside it.
      const cluster: Cluster = await startCluster({
        dataDir: path.join(ROOT, ".data", "test-cassandra"),
        nativePort: 9142,
        log: (line) => console.log(`  cassandra: ${line}`),
      });
      cleanups.push(() => cluster.stop());
      contactPoints = cluster.contactPoints.join(",");
      console.log(`  cassandra ${cluster.releaseVersion} at ${contactPoints}`);
    }
    const client = new cassandra.Client({ contactPoints: contactPoints.split(","), localDataCenter });
    cleanups.push(async () => {
      await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
      await client.shutdown();
    });
    await client.connect();
    const url = await createTestDatabase(databaseName);
    cleanups.push(() => dropTestDatabase(databaseName));
    process.env.DATABASE_URL = url;
    console.log(`  postgres database ${databaseName}, cassandra keyspace ${keyspace}, kafka topics ${topicPrefix}.*`);
    return { ok: true, passed: 0, failed: 0 };
  });

  const stackEnv: Environment = {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL,
    CASSANDRA_CONTACT_POINTS: contactPoints,
    CASSANDRA_LOCAL_DC: localDataCenter,
    CASSANDRA_KEYSPACE: keyspace,
    KAFKA_BROKERS: kafkaBrokers,
    REDIS_URL: redisUrl,
    LIVE_REDIS_PREFIX: `${keyspace}:live:`,
    LOG_LEVEL: "warn",
  };

  if (infrastructureReady) {
    // The integration setup starts its own Location Service on these topics (test-support/integration-setup.ts).
    await stage("integration", () =>
      vitest("integration", { ...stackEnv, NODE_ENV: "test", KAFKA_TOPIC_PREFIX: `${topicPrefix}_int` }),
    );

    await stage("end-to-end", async () => {
      await ensureBuilt(stackEnv);
      const baseUrl = `http://127.0.0.1:${E2E_PORT}`;
      const e2eEnv = {
        ...stackEnv,
        KAFKA_TOPIC_PREFIX: `${topicPrefix}_e2e`,
        // The run page's map from the app's placeholder tiles, never the internet; "localhost" is another
        // origin than the pages' 127.0.0.1, so the CSP's tile origin is exercised too (e2e/run-map.spec.ts).
        MAP_TILE_URL: `http://localhost:${E2E_PORT}/test-tiles/{z}/{x}/{y}`,
      };
      const migrated = await run(bin("tsx"), ["scripts/migrate.ts"], e2eEnv);
      if (migrated !== 0) throw new Error(`migrations for the e2e stack failed (exit ${migrated})`);
      const worker = startLocationServiceProcess(
        { ...e2eEnv, LOCATION_SERVICE_PORT: "9465" },
        path.join(REPORTS, "e2e-worker.log"),
      );
      cleanups.unshift(() => stopBackground(worker));
      const server = startBackground(bin("next"), ["start", "-p", String(E2E_PORT), "-H", "127.0.0.1"], {
        env: {
          ...e2eEnv,
          NODE_ENV: "production",
          BETTER_AUTH_URL: baseUrl,
          BETTER_AUTH_SECRET: randomBytes(32).toString("base64"),
        },
        logFile: path.join(REPORTS, "e2e-server.log"),
      });
      cleanups.unshift(() => stopBackground(server));
      await waitForHttp(`${baseUrl}/api/health`, { timeoutMs: 60_000, alive: () => server.exitCode === null });
      const report = path.join(REPORTS, "e2e.json");
      const code = await run(bin("playwright"), ["test", "--reporter=list,json"], {
        ...e2eEnv,
        E2E_BASE_URL: baseUrl,
        PLAYWRIGHT_JSON_OUTPUT_NAME: report,
      });
      return playwrightCounts(report, code);
    });
  }
}

async function cleanUp() {
  for (const cleanup of cleanups.splice(0)) {
    try {
      await cleanup();
    } catch (error) {
      console.error("cleanup failed:", error instanceof Error ? error.message : error);
    }
  }
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.log(`\n${signal}: stopping what the tests started…`);
    void cleanUp().then(() => process.exit(130));
  });
}

/**
 * The scaled setup's faults in their short form (scripts/faults/run.ts --short), after the test stores are
 * stopped: it starts three Cassandra nodes and three brokers of its own, and wants the memory and cores.
 */
async function faults() {
  const code = await run(path.join("node_modules", ".bin", "tsx"), ["scripts/faults/run.ts", "--short"], { ...process.env, LOG_LEVEL: "warn" });
  try {
    const report = JSON.parse(readFileSync(path.join(REPORTS, "faults.json"), "utf8")) as { rows: { problems: string[] }[] };
    const failed = report.rows.filter((row) => row.problems.length > 0).length;
    return { ok: code === 0, passed: report.rows.length - failed, failed: failed + (code !== 0 && failed === 0 ? 1 : 0) };
  } catch {
    return { ok: code === 0, failed: code === 0 ? 0 : 1 };
  }
}

try {
  await main();
} finally {
  await cleanUp();
}
if (!interrupted && process.env.SKIP_FAULTS !== "1") await stage("faults (short)", faults);

console.log("\n━━ summary ━━");
for (const r of results) {
  console.log(`${r.ok ? "ok    " : "FAILED"} ${r.name.padEnd(30)} ${formatMs(r.ms).padStart(8)}  ${r.passed} passed, ${r.failed} failed`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
const allOk = results.every((r) => r.ok);
console.log(`${passed} passed, ${failed} failed`);
process.exit(allOk && failed === 0 ? 0 : 1);
