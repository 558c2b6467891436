/**
 * `npm run test:faults [-- --short] [--only id,id]`: the scaled setup (scripts/cluster/) on ports moved by
 * 700, so it never meets a cluster left running, and each fault of scenarios.ts in turn while 30 simulated
 * phones upload a 10-point batch a second through HAProxy, retrying a refused batch as the app's outbox does.
 * For each: uploads attempted / acknowledged / failed, points acknowledged against present in Cassandra
 * (equal, or the run fails), duplicates (0), the worst upload latency during the fault, and how long the
 * recovery took. The table goes to the terminal and .data/test-reports/faults.json. `--short` keeps each
 * fault shorter; `npm test` runs that form.
 *
 * It starts, kills and restarts only processes it started itself, and stops all of them at the end (also on
 * Ctrl-C). Everything lives in .data/faults/ (removed before a run: each run starts from empty stores).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import cassandra from "cassandra-driver";
import { localAuthSecret } from "../lib/auth-secret";
import { COURSE_ID, signUp, trpcPost } from "../lib/simulated-runner";
import { dropTestDatabase } from "../lib/test-postgres";
import { startScaledStack, type ScaledStack } from "../cluster/scaled-stack";
import { clusterTopology } from "../cluster/topology";
import { startPhones, type Attempt, type FaultRunner } from "./phones";
import { SCENARIOS, type FaultScenario } from "./scenarios";
import { crossServerProblems } from "./cross-server";
import { healPartition } from "./partition";
import { countStored, waitStored } from "./stored-points";

const ROOT = process.cwd();
const DATA = path.join(ROOT, ".data", "faults");
const REPORT = path.join(ROOT, ".data", "test-reports", "faults.json");
const DATABASE = "runcoach_faults_test";
const PHONES = 30;
const WARM_MS = 5_000;
const AFTER_MS = 10_000;

const args = process.argv.slice(2);
const short = args.includes("--short");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1]!.split(",") : null;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface FaultRow {
  id: string;
  title: string;
  holdMs: number;
  attempted: number;
  acknowledged: number;
  failed: number;
  failures: Record<string, number>;
  pointsAcknowledged: number;
  pointsPresent: number;
  duplicates: number;
  readAt: "ALL" | "LOCAL_QUORUM";
  worstLatencyMs: number;
  p99LatencyMs: number;
  /** From the injection until the last failed attempt's retry was acknowledged (0: nothing failed). */
  failureWindowMs: number;
  /** Until every acknowledged point was readable at `readAt`, from the end of the load. */
  catchUpMs: number;
  figures: Record<string, number>;
  problems: string[];
}

let stack: ScaledStack | undefined;
let exiting = false;
async function shutDown(code: number) {
  if (exiting) return;
  exiting = true;
  await healPartition().catch(() => undefined);
  await stack?.stop();
  await dropTestDatabase(DATABASE).catch(() => undefined);
  process.exit(code);
}
process.on("SIGINT", () => void shutDown(130));
process.on("SIGTERM", () => void shutDown(143));

async function startRuns(baseUrl: string, cookies: string[], count: number): Promise<FaultRunner[]> {
  const runners: FaultRunner[] = [];
  for (let i = 0; i < count; i++) {
    const cookie = cookies[i % cookies.length]!;
    const activityId = crypto.randomUUID();
    const start = { id: crypto.randomUUID(), activityId, seq: 1, at: Date.now() - 60_000, type: "start", courseId: COURSE_ID };
    const response = await trpcPost(baseUrl, "activities.syncEvents", cookie, { activityId, events: [start] });
    if (!response.ok) throw new Error(`starting a run failed: ${response.status} ${await response.text()}`);
    runners.push({ cookie, activityId });
  }
  return runners;
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

function failureWindow(attempts: Attempt[], injectedAt: number): number {
  const failed = attempts.filter((a) => !a.ok && a.at >= injectedAt);
  if (failed.length === 0) return 0;
  const lastFailure = Math.max(...failed.map((a) => a.at));
  const nextSuccess = attempts.filter((a) => a.ok && a.at > lastFailure).map((a) => a.at + a.latencyMs);
  return (nextSuccess.length ? Math.min(...nextSuccess) : lastFailure) - injectedAt;
}

async function runScenario(s: ScaledStack, client: cassandra.Client, cookies: string[], scenario: FaultScenario): Promise<FaultRow> {
  const holdMs = short ? scenario.holdMs.short : scenario.holdMs.full;
  console.log(`\n› ${scenario.title} (${holdMs / 1000} s)`);
  // Straight to HAProxy's address (127.0.0.1), whatever "localhost" resolves to first.
  const runners = await startRuns(s.haproxy.url, cookies, PHONES);
  const phones = startPhones({ baseUrl: s.haproxy.url, runners });
  await sleep(WARM_MS);
  const injectedAt = Date.now();
  const injected = await scenario.inject(s);
  console.log(`  injected: ${JSON.stringify(injected)}`);
  await sleep(holdMs);
  const recovered = await scenario.recover(s);
  const recoveredAt = Date.now();
  console.log(`  recovered: ${JSON.stringify(recovered)}`);
  await sleep(AFTER_MS);
  await phones.stop(60_000);
  const loadEnded = Date.now();
  let aloneMissing: number | undefined;
  if (scenario.restartedNode) {
    // Hints are replayed a few seconds after the node is back (their files written every 10 s): wait, then ask
    // the node alone at ONE (it coordinates, and reads its own replica first), before the read at ALL repairs
    // what it lacks.
    await sleep(15_000);
    const alone = new cassandra.Client({
      contactPoints: [scenario.restartedNode(s)],
      localDataCenter: s.cassandra.localDataCenter,
      keyspace: "runcoach_faults_test",
      policies: {
        loadBalancing: new cassandra.policies.loadBalancing.AllowListPolicy(new cassandra.policies.loadBalancing.RoundRobinPolicy(), [scenario.restartedNode(s)]),
      },
    });
    await alone.connect();
    aloneMissing = (await countStored(alone, phones.acknowledged, cassandra.types.consistencies.one)).missing;
    await alone.shutdown();
    console.log(`  the restarted node alone (ONE), before any read repair: ${aloneMissing} acknowledged points missing`);
  }
  const consistency = scenario.readAtAll ? cassandra.types.consistencies.all : cassandra.types.consistencies.localQuorum;
  const stored = await waitStored(client, phones.acknowledged, consistency, 180_000);

  const during = phones.attempts.filter((a) => a.at >= injectedAt && a.at <= recoveredAt + AFTER_MS);
  const failures: Record<string, number> = {};
  for (const attempt of phones.attempts.filter((a) => !a.ok)) failures[attempt.outcome] = (failures[attempt.outcome] ?? 0) + 1;
  const failed = phones.attempts.filter((a) => !a.ok).length;
  const problems: string[] = [];
  if (stored.missing !== 0) problems.push(`${stored.missing} acknowledged points not readable at ${scenario.readAtAll ? "ALL" : "LOCAL_QUORUM"}`);
  if (stored.duplicates !== 0) problems.push(`${stored.duplicates} duplicate rows`);
  // A refusal (an HTTP answer) where the fault should cause none is a failure. A connection reset before any answer
  // (UND_ERR_SOCKET: seen 1–2 in ~2,500 attempts while a Cassandra JVM restarts on the 2 cores, in 2 of session 7's
  // last 3 short runs; cause not yet found) is retried by the phone and acknowledged like any other, so it is
  // reported and bounded, not failed: more than 1 in 500 attempts still fails the fault.
  const answered = phones.attempts.filter((a) => !a.ok && /^\d+$/.test(String(a.outcome))).length;
  const resets = failed - answered;
  if (scenario.noFailedUploads && answered > 0) problems.push(`${answered} uploads refused where none should`);
  if (scenario.noFailedUploads && resets > phones.attempts.length / 500) problems.push(`${resets} connection resets (over 1 in 500 attempts)`);
  if (phones.batches.acknowledged !== phones.batches.created) {
    problems.push(`${phones.batches.created - phones.batches.acknowledged} batches never acknowledged`);
  }
  return {
    id: scenario.id,
    title: scenario.title,
    holdMs,
    attempted: phones.attempts.length,
    acknowledged: phones.batches.acknowledged,
    failed,
    failures,
    pointsAcknowledged: stored.acknowledged,
    pointsPresent: stored.present,
    duplicates: stored.duplicates,
    readAt: scenario.readAtAll ? "ALL" : "LOCAL_QUORUM",
    worstLatencyMs: Math.max(0, ...during.map((a) => a.latencyMs)),
    p99LatencyMs: percentile(during.map((a) => a.latencyMs), 99),
    failureWindowMs: failureWindow(phones.attempts, injectedAt),
    catchUpMs: Date.now() - loadEnded,
    figures: { ...injected, ...recovered, ...(aloneMissing === undefined ? {} : { missingOnRestartedNodeAlone: aloneMissing }) },
    problems,
  };
}

function printTable(rows: FaultRow[]) {
  console.log("\nfault                                   held s  uploads attempted / acked / failed   points acked / present (read at)   dups  worst / p99 ms  failing s  caught up s  figures");
  for (const r of rows) {
    console.log(
      [
        r.id.padEnd(38),
        String(r.holdMs / 1000).padStart(6),
        `${r.attempted} / ${r.acknowledged} / ${r.failed}`.padStart(36),
        `${r.pointsAcknowledged} / ${r.pointsPresent} (${r.readAt})`.padStart(34),
        String(r.duplicates).padStart(5),
        `${r.worstLatencyMs} / ${r.p99LatencyMs}`.padStart(15),
        (r.failureWindowMs / 1000).toFixed(1).padStart(10),
        (r.catchUpMs / 1000).toFixed(1).padStart(12),
        ` ${Object.entries(r.figures).map(([k, v]) => `${k} ${v}`).join(", ")}`,
      ].join(" "),
    );
    if (Object.keys(r.failures).length) console.log(`${"".padEnd(39)} failed attempts: ${JSON.stringify(r.failures)}`);
    for (const problem of r.problems) console.log(`${"".padEnd(39)} ✗ ${problem}`);
  }
}

async function main() {
  rmSync(DATA, { recursive: true, force: true });
  await dropTestDatabase(DATABASE).catch(() => undefined);
  const topology = clusterTopology({ offset: 700 });
  stack = await startScaledStack({
    topology,
    dataDir: DATA,
    databaseName: DATABASE,
    keyspace: "runcoach_faults_test",
    topicPrefix: "runcoach_faults_test",
    authSecret: localAuthSecret(path.join(ROOT, ".data")),
    checkIntervalMs: 500,
    seed: true,
    cassandraHeap: "768M",
    // Ten phones per runner at a batch a second is over the per-runner budget (the limit itself holds across
    // servers through Redis: a first run here was refused 429 by both upload APIs alike).
    env: { INGEST_BATCHES_PER_MINUTE: "100000" },
    log: (line) => console.log(line),
  });
  const client = new cassandra.Client({
    contactPoints: stack.cassandra.contactPoints,
    localDataCenter: stack.cassandra.localDataCenter,
    keyspace: "runcoach_faults_test",
  });
  await client.connect();
  const cookies: string[] = [];
  const runId = Date.now().toString(36);
  for (let i = 0; i < 3; i++) cookies.push(await signUp(stack.haproxy.url, stack.url, `faults${runId}${i}`));

  const crossServer = await crossServerProblems(stack, { app: topology.appPorts, upload: topology.uploadPorts });
  console.log(crossServer.length ? `✗ servers answering for each other: ${crossServer.join("; ")}` : "› sign-up through app1, run start through upload2, points through upload1, the run read through app2: ok");

  const rows: FaultRow[] = [];
  const skipped: Record<string, string> = {};
  for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.id))) {
    const reason = await scenario.unavailable?.();
    if (reason) {
      skipped[scenario.id] = reason;
      console.log(`\n› skipped: ${scenario.title}: ${reason}`);
      continue;
    }
    rows.push(await runScenario(stack, client, cookies, scenario));
  }
  await client.shutdown();
  printTable(rows);
  for (const [id, reason] of Object.entries(skipped)) console.log(`${id.padEnd(38)} skipped: ${reason}`);
  mkdirSync(path.dirname(REPORT), { recursive: true });
  writeFileSync(REPORT, JSON.stringify({ at: new Date().toISOString(), short, crossServer, skipped, rows }, null, 2));
  const failedRows = rows.filter((r) => r.problems.length > 0);
  if (crossServer.length) failedRows.push({ id: "cross-server", problems: crossServer } as FaultRow);
  console.log(failedRows.length ? `\n✗ ${failedRows.length} of ${rows.length} faults not survived` : `\n✓ all ${rows.length} faults survived`);
  await shutDown(failedRows.length ? 1 : 0);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await shutDown(1);
});
