/**
 * One configuration of bench:scale: the scaled stack with that many instances of each stateless tier and that
 * many Cassandra nodes and Kafka brokers, fresh (its data dir and database removed first), then runners at
 * the phone's cadence through HAProxy, doubling until saturation, one table row per level; then everything
 * stopped and the database dropped, also when a level fails.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { startScaledStack, type ScaledStack } from "../../cluster/scaled-stack";
import { clusterTopology } from "../../cluster/topology";
import { dropTestDatabase } from "../../lib/test-postgres";
import { climbUntilSaturated, doublingLevels, measureCadenceLevel, type CadenceTarget } from "../ingest/cadence-level";
import { fmt, liveTable } from "../ingest/format";
import { Phones } from "../ingest/phones";
import { signUp } from "../../lib/simulated-runner";
import { runnerPool } from "../ingest/runners";
import { writerProgress } from "../ingest/writer-progress";
import type { ScaleConfig } from "./configs";
import { settings } from "./settings";
import { atRest, warmUp } from "./settle";
import type { ConfigResult, ScaleLevel } from "./summary";
import { tierCpu, type Tier } from "./tiers";

export const DATA_DIR = path.join(process.cwd(), ".data", "bench-scale");
export const DATABASE = "runcoach_bench_scale";
const KEYSPACE = "runcoach_bench_scale";
/** Runs are spread over these accounts: at 64,000 runners each uploads 4 × 10,667 batches a minute, under the lifted budget (100,000). */
const USERS = 6;

/** What a signal handler needs to stop a configuration that is starting or running. */
export interface Running {
  /** Resolves once everything this configuration started is stopped and its database dropped. */
  stop(): Promise<void>;
}

const LEVEL_HEADER = [
  "runners",
  "offered pts/s",
  "acked pts/s",
  "acked/offered",
  "upload p50 / p95 / p99 ms",
  "lag p99 ms",
  "HAProxy",
  "apps",
  "upload APIs",
  "writers",
  "Kafka",
  "Cassandra",
  "Redis",
  "PostgreSQL",
  "generator",
  "machine",
  "stolen",
  "phones busy",
  "saturated",
];

function levelCells(row: ScaleLevel): string[] {
  const c = (tier: Tier) => fmt(row.cores[tier], 2);
  return [
    fmt(row.runners),
    fmt(row.offeredPerSecond),
    fmt(row.ackedPerSecond),
    fmt(row.ackedPerSecond / row.offeredPerSecond, 2),
    `${fmt(row.latency.p50, 1)} / ${fmt(row.latency.p95, 1)} / ${fmt(row.latency.p99, 1)}`,
    fmt(row.lagP99Ms),
    ...(["haproxy", "apps", "uploads", "writers", "kafka", "cassandra", "redis", "postgres", "generator", "machine", "steal"] as const).map(c),
    `${fmt(row.utilization * 100)} %`,
    row.saturated ? "yes" : "no",
  ];
}

/**
 * Runs one configuration to the end; `onStarted` hands the caller a way to stop it early (Ctrl-C). Never throws:
 * a failure ends the configuration and is kept in the result, after everything was stopped.
 */
export async function runConfig(config: ScaleConfig, onStarted: (running: Running) => void): Promise<ConfigResult> {
  const dataDir = path.join(DATA_DIR, config.label);
  const levels: ScaleLevel[] = [];
  let rest: ConfigResult["atRest"];
  let stack: ScaledStack | undefined;
  let phones: Phones | undefined;
  let stopping: Promise<void> | undefined;
  const topology = clusterTopology({ offset: settings.portOffset, instances: config.instances });
  const startedAt = Date.now();
  const starting = (async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await dropTestDatabase(DATABASE).catch(() => undefined); // a run stopped by SIGKILL leaves it behind
    return startScaledStack({
      topology,
      dataDir,
      databaseName: DATABASE,
      keyspace: KEYSPACE,
      topicPrefix: KEYSPACE,
      authSecret: randomBytes(32).toString("base64"),
      cassandraNodes: config.cassandraNodes,
      kafkaBrokers: config.kafkaBrokers,
      // the per-runner budget lifted (thousands of runs per account); a line per request would cost CPU of its own
      env: { INGEST_BATCHES_PER_MINUTE: "100000", LOG_LEVEL: "warn" },
      log: (line) => console.log(`  ${line}`),
    });
  })();
  const stop = () =>
    (stopping ??= (async () => {
      await phones?.close().catch(() => undefined);
      // a start-up under way is let finish (or fail, which stops what it had started), then stopped
      const started = stack ?? (await starting.catch(() => undefined));
      await started?.stop();
      await dropTestDatabase(DATABASE).catch((error: unknown) => console.error(`dropping ${DATABASE}:`, error));
    })());
  onStarted({ stop });

  try {
    stack = await starting;
    const s = stack;
    for (const service of [...s.apps, ...s.uploads, ...s.writers]) {
      service.onUnexpectedExit((code) => console.error(`\n!! ${service.name} exited (code ${code}); its log: ${path.join(dataDir, "logs", `${service.name}.log`)}\n`));
    }
    console.log(`  stack ready in ${fmt((Date.now() - startedAt) / 1000, 1)} s; HAProxy pid ${s.haproxy.pid} at ${s.haproxy.url}`);
    const cookies: string[] = [];
    const runId = Date.now().toString(36);
    for (let i = 0; i < USERS; i++) cookies.push(await signUp(s.haproxy.url, s.url, `scale${runId}${i}`));
    phones = await Phones.start(settings.generatorThreads, settings.connections);
    const acknowledged = { points: 0 };
    const progress = await writerProgress(topology.writerMetricsPorts.map((port) => `http://127.0.0.1:${port}/metrics`), acknowledged);
    // Runs are started through HAProxy too (syncEvents goes to the upload tier, as a phone's would).
    const pool = runnerPool(s.haproxy.url, cookies);
    const target: CadenceTarget<Tier> = {
      phones,
      url: s.haproxy.url,
      runners: pool.take,
      drain: progress.drain,
      scrape: progress.scrape,
      cpu: tierCpu(s),
      acknowledged,
    };
    rest = await atRest(target.cpu, { quietCores: settings.quietCores, maxMs: settings.settleMaxMs });
    await warmUp(target, settings.firstRunners, settings.firstWarmUpMs);
    console.log(`\n  ${config.label}: cores per tier over the measured window (instances summed)\n`);
    const print = liveTable(LEVEL_HEADER, 6);
    await climbUntilSaturated(doublingLevels(settings.firstRunners, settings.maxRunners), async (level) => {
      const row = await measureCadenceLevel(target, level, { warmUpMs: settings.warmUpMs, measureMs: settings.measureMs });
      levels.push(row);
      print(levelCells(row));
      if (row.saturated) console.log(`         saturated: ${row.saturated}`);
      if (row.utilization > 0.9) console.log(`         the phones thread was busy ${fmt(row.utilization * 100)} % of the time: the generator may be the limit here`);
      return row;
    });
    return { config, levels, atRest: rest };
  } catch (error) {
    console.error(`\n✗ ${config.label}:`, error);
    return { config, levels, atRest: rest, error: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
  } finally {
    await stop();
  }
}
