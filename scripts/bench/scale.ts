/**
 * `npm run bench:scale`: the scaled setup (scripts/cluster/) under runners at the phone's cadence (a fix every
 * 3 s, an upload every 15 s: the phones of bench:ingest, ingest/load.ts) through HAProxy, for each configuration
 * of BENCH_SCALE_CONFIGS in turn (default 1x-c1,2x-c1,2x-c3: instances of each stateless tier × Cassandra
 * nodes, Kafka brokers 3 with 3 nodes and 1 otherwise, `-k1`/`-k3` to say otherwise; scale/configs.ts).
 *
 * Each configuration starts fresh (scale/run-config.ts): its stores under .data/bench-scale/<configuration>/
 * (removed first; the servers' logs stay there afterwards), the database runcoach_bench_scale (dropped after),
 * every port moved by 1000 (public port 4000; scale/settings.ts), the rate limit lifted; the stack is read at
 * rest and given a minute (BENCH_FIRST_WARMUP_SECONDS) at the first level, unmeasured (scale/settle.ts); then
 * runners double from BENCH_RUNNERS (default 2000) until a level saturates (acknowledged < 95 % of offered, a
 * backlog on the phones, upload p99 over the upload interval, failed uploads, or writer lag p99 over the upload
 * interval) or BENCH_MAX_RUNNERS (default 64000), then once halfway back; each level one upload interval of
 * warm-up and BENCH_SECONDS (default 30) measured. Per level: offered and acknowledged points/s, upload p50/p95/p99, the
 * Kafka→Cassandra lag p99, and the cores of each tier over the measured window (scale/tiers.ts). Then the
 * stack stops and the next configuration starts.
 *
 * At the end: per configuration the most runners sustained with upload p99 < 100 ms and the cores per tier
 * there, and what the figures say (scale/summary.ts). The load average is printed at the start and the end.
 * Ctrl-C (or SIGTERM) stops everything it started; so does a failure, which ends that configuration only.
 * Also BENCH_CONNECTIONS (the phones' keep-alive connections to HAProxy, default 256) and
 * BENCH_GENERATOR_THREADS (default 1).
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { fmt, liveTable } from "./ingest/format";
import { runConfig, type Running } from "./scale/run-config";
import { describeSettings, settings } from "./scale/settings";
import { describeScaling, SUMMARY_HEADER, summaryRow, type ConfigResult } from "./scale/summary";

const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const started = Date.now();
const minutes = (ms: number) => `${fmt(ms / 60_000, 1)} min`;

let running: Running | undefined;
let exiting = false;
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    console.log(`\n${signal}: stopping everything the benchmark started…`);
    void (running?.stop() ?? Promise.resolve()).finally(() => process.exit(code));
  });
}

function printSummary(results: readonly ConfigResult[]) {
  console.log(`\nSummary: the most runners sustained with upload p99 < ${settings.p99LimitMs} ms, and the cores per tier at that level\n`);
  const print = liveTable(SUMMARY_HEADER, 6);
  for (const result of results) print(summaryRow(result, settings.p99LimitMs));
  console.log("");
  for (const sentence of describeScaling(results, os.cpus().length, settings.p99LimitMs)) console.log(`  ${sentence}`);
}

console.log(`bench:scale ${new Date().toISOString()}  load average ${loadAverage()} (1, 5, 15 min)  ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB`);
console.log(describeSettings());
const results: ConfigResult[] = [];
for (const config of settings.configs) {
  if (exiting) break;
  const configStarted = Date.now();
  console.log(`\n› ${config.label}: ${config.instances} of each stateless tier, ${config.cassandraNodes} Cassandra node(s), ${config.kafkaBrokers} Kafka broker(s); load average ${loadAverage()}`);
  const result = await runConfig(config, (r) => (running = r));
  running = undefined;
  results.push(result);
  console.log(`  ${config.label} done in ${minutes(Date.now() - configStarted)}`);
}
if (!exiting) {
  printSummary(results);
  console.log(`\nload average at the end ${loadAverage()}; ${minutes(Date.now() - started)} in all`);
  // Everything started is stopped by now; an idle keep-alive socket of fetch() must not keep the process up.
  process.exit(results.some((r) => r.error) ? 1 : 0);
}
