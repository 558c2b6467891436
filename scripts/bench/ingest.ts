/**
 * `npm run bench:ingest`: the location pipeline end to end (browser upload over HTTP → upload API or Next
 * app → Kafka, acks=all → Location Service → Cassandra), counted when written in Cassandra, against the same
 * batches written straight through cassandra-driver, in one run on one machine.
 *
 * It starts everything itself and stops it at the end (also on Ctrl-C and on failure): its own Cassandra node
 * (port 9542, .data/bench-ingest-cassandra), its own Kafka broker (port 9692, .data/bench-ingest-kafka;
 * topics under a fresh prefix, deleted at the end), a throwaway PostgreSQL database, the built app
 * (`next start`, port 3600), the standalone upload API (port 3601) and BENCH_WRITERS Location Service
 * processes (`scripts/worker.ts`, metrics on 3610, 3611, …), every one as a `node` process of its own
 * (the pid CPU is read from is the one that serves), with the ingest rate limit lifted
 * (INGEST_BATCHES_PER_MINUTE=100000). Logs: .data/bench-ingest-{app,upload-api,writer-N}.log.
 * The simulated phones run in worker threads (ingest/phones.ts) over BENCH_CONNECTIONS keep-alive
 * connections (a reverse proxy's upstream pool, lib/pooled-post.ts); each thread reports how busy it was.
 * Before measuring: 5 s of closed loops on each path (JIT, prepared statements, pools, the consumer group).
 *
 * 1. Closed-loop ceilings at 20- and 200-point batches (ingest/closed.ts): the driver baseline, then the
 *    upload API and the Next app end to end (points / time from the start until the writers had written the
 *    last one), the ratio e2e/driver, and "points lost" (acknowledged ids not in Cassandra).
 * 2. CPU per acknowledged 20-point batch: the upload API, the Next app, the writers (and Kafka, Cassandra).
 * 3. Runners at the phone's cadence through the upload API (ingest/cadence.ts), doubling until saturation,
 *    the target level (20,000) too, once halfway: upload p50/p95/p99, acknowledged/offered, each process's
 *    cores, the Kafka→Cassandra lag p99 over the level.
 * 4. Cassandra stopped 60 s under load (ingest/outage.ts): uploads acknowledged and failed meanwhile, peak
 *    consumer and ingest lag, time to drain, points lost.
 * 5. A 3,600-point run uploaded after its finish (ingest/late-run.ts): record computations and writer CPU.
 * Then each target of the issue, met or not.
 *
 * Env: BENCH_SECONDS measured per phase (default 30); BENCH_CLOSED_BATCHES (default 20,200);
 * BENCH_CLOSED_LEVELS (concurrent closed loops, default 16); BENCH_RUNNERS (first cadence level, default 250);
 * BENCH_MAX_RUNNERS (default 32000); BENCH_CONNECTIONS (default 256); BENCH_GENERATOR_THREADS (phones
 * threads, default 1); BENCH_WRITERS (Location Service processes, default 1); BENCH_OUTAGE_RUNNERS (default
 * 2000); BENCH_OUTAGE_SECONDS (default 60); BENCH_SKIP=closed,next,cadence,outage,late (parts to leave out;
 * "next" drops the Next app's closed loops); BENCH_CPU_PROFILE=dir (V8 CPU profiles of the app, the upload
 * API and the writers, written when they stop: `npx tsx scripts/bench/profile-top.ts <file>` reads one).
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { createCleanups, startBenchStack } from "./lib/bench-stack";
import { cadenceLevels, type CadenceRow } from "./ingest/cadence";
import { closedLoops, printCpuPerBatch, warmUp, type ClosedRow } from "./ingest/closed";
import { createContext } from "./ingest/context";
import { fmt } from "./ingest/format";
import { lateRun, type LateRunSummary } from "./ingest/late-run";
import { cassandraOutage, type OutageSummary } from "./ingest/outage";
import { Phones } from "./ingest/phones";
import { describeSettings, settings } from "./ingest/settings";

/** better-auth allows ~3 sign-ups per 10 s; runs are spread over these users (the ingest limit is lifted). */
const USERS = 3;
const runId = Date.now().toString(36);
const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

const cleanups = createCleanups();
let exiting = false;
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    console.log(`\n${signal}: stopping everything the benchmark started…`);
    void cleanups.run().finally(() => process.exit(code));
  });
}

function printTargets(closed: ClosedRow[], cadence: CadenceRow[], outage: OutageSummary | null, late: LateRunSummary | null) {
  console.log(`\nTargets (issue 11, this machine: ${os.cpus().length} cores)`);
  const verdict = (met: boolean) => (met ? "met" : "MISSED");
  const ratio = (batch: number) => {
    const driver = closed.find((row) => row.batchSize === batch && row.path === "driver");
    const upload = closed.find((row) => row.batchSize === batch && row.path === "upload API");
    return driver && upload ? upload.writtenPerSecond / driver.writtenPerSecond : NaN;
  };
  for (const [batch, bar] of [[200, 0.7], [20, 0.4]] as const) {
    const value = ratio(batch);
    if (Number.isFinite(value)) console.log(`  e2e/driver at ${batch}-point batches (upload API): ${fmt(value, 2)} (target ≥ ${bar}): ${verdict(value >= bar)}`);
  }
  const upload20 = closed.find((row) => row.batchSize === 20 && row.path === "upload API");
  if (upload20) {
    console.log(`  upload API CPU per 20-point batch: ${fmt(upload20.serverCpuPerBatch, 3)} ms (target ≤ 0.5 ms): ${verdict(upload20.serverCpuPerBatch <= 0.5)}`);
  }
  const lost = closed.filter((row) => row.path !== "driver").reduce((n, row) => n + row.lost, 0);
  if (closed.length) console.log(`  points lost in the closed loops: ${fmt(lost)} (target 0): ${verdict(lost === 0)}`);
  if (cadence.length) {
    const best = cadence.filter((row) => !row.saturated && row.latency.p99 < 100).sort((a, b) => b.runners - a.runners)[0];
    console.log(
      `  runners at cadence with upload p99 < 100 ms: ${best ? fmt(best.runners) : "none"} (p99 ${best ? fmt(best.latency.p99, 1) : "—"} ms; ` +
        `target ≥ 20,000): ${verdict(!!best && best.runners >= 20_000)}`,
    );
  }
  if (outage) {
    console.log(`  Cassandra outage: ${fmt(outage.failedTotal)} failed uploads, ${fmt(outage.lost)} points lost (targets 0, 0): ${verdict(outage.failedTotal === 0 && outage.lost === 0)}`);
  }
  if (late) console.log(`  late run: ${late.computations} record computations for 18 late batches (the old design: 18)`);
}

try {
  console.log(`bench:ingest ${new Date().toISOString()}  load average ${loadAverage()} (1, 5, 15 min)  ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB`);
  console.log(describeSettings());
  const stack = await startBenchStack({
    name: "ingest",
    cassandraPort: settings.ports.cassandra,
    appPort: settings.ports.app,
    appEnv: { INGEST_BATCHES_PER_MINUTE: "100000" },
    cpuProfileDir: settings.cpuProfileDir,
    kafka: { port: settings.ports.kafka },
    uploadApiPort: settings.ports.uploadApi,
    writers: settings.writers,
    writerPortBase: settings.ports.writerBase,
    cleanups,
  });
  console.log(
    `\nstack: app pid ${stack.appPid}, upload API pid ${stack.uploadApi!.pid}, writers ${stack.writers.map((w) => w.pid).join(", ")}, ` +
      `Kafka ${stack.kafka!.brokerPids().join(", ")} (topics ${stack.kafka!.topicPrefix}.*, ${stack.kafka!.partitions} partitions), Cassandra ${stack.cassandraPid()}`,
  );
  const cookies: string[] = [];
  for (let i = 0; i < USERS; i++) cookies.push((await stack.signUp(`bench${runId}${i}`)).cookie);
  const phones = await Phones.start(settings.generatorThreads, settings.connections);
  cleanups.add(() => phones.close());
  const ctx = await createContext(stack, phones, cookies);
  await warmUp(ctx);
  console.log(`warmed up; load average ${loadAverage()}`);

  const closed = settings.skip("closed") ? [] : await closedLoops(ctx);
  printCpuPerBatch(closed);
  const cadence = settings.skip("cadence") ? [] : await cadenceLevels(ctx);
  const outage = settings.skip("outage") ? null : await cassandraOutage(ctx);
  const late = settings.skip("late") ? null : await lateRun(ctx);
  printTargets(closed, cadence, outage, late);
  console.log(`\nload average at the end ${loadAverage()}`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  if (!exiting) await cleanups.run();
}
