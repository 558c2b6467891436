/**
 * Part 3: runners at the phone's cadence (a fix every 3 s, an upload every 15 s) through the upload API,
 * doubling N from BENCH_RUNNERS until the pipeline saturates (also measuring the target, 20,000, when the
 * doubling passes it), then once halfway between the last level kept up with and the first saturated one,
 * up to BENCH_MAX_RUNNERS. A level (cadence-level.ts): one upload interval of warm-up, BENCH_SECONDS
 * measured; CPU of each process over the measured window; the Kafka→Cassandra lag p99 over it.
 */
import { POINT_UPLOAD_INTERVAL_MS } from "@/app/_lib/outbox/cadence";
import { climbUntilSaturated, doublingLevels, measureCadenceLevel, saturationBounds, type CadenceLevel, type CadenceTarget } from "./cadence-level";
import type { BenchContext, Role } from "./context";
import { fmt, liveTable } from "./format";
import { settings } from "./settings";

export interface CadenceRow extends CadenceLevel<Role> {
  uploadCpuPerBatch: number;
}

async function measureLevel(ctx: BenchContext, level: number): Promise<CadenceRow> {
  const target: CadenceTarget<Role> = {
    phones: ctx.phones,
    url: ctx.uploadUrl,
    runners: ctx.cadenceRunners,
    drain: ctx.drain,
    scrape: ctx.scrape,
    cpu: ctx.cpu,
    acknowledged: ctx.acknowledged,
  };
  const row = await measureCadenceLevel(target, level, { warmUpMs: settings.warmUpMs, measureMs: settings.measureMs });
  return { ...row, uploadCpuPerBatch: row.cpuMs.uploadApi / Math.max(1, row.batches) };
}

export async function cadenceLevels(ctx: BenchContext): Promise<CadenceRow[]> {
  console.log(
    `\n3. Runners at the phone's cadence through the upload API: a fix every 3 s, an upload every ${POINT_UPLOAD_INTERVAL_MS / 1000} s ` +
      `(${settings.warmUpMs / 1000} s warm-up, ${settings.measureMs / 1000} s measured per level; cores over the measured window)\n`,
  );
  const print = liveTable([
    "runners",
    "offered pts/s",
    "acked pts/s",
    "acked/offered",
    "pts/batch",
    "upload p50 / p95 / p99 ms",
    "lag p99 ms",
    "upload API cores",
    "upload API ms/batch",
    "writer cores",
    "Kafka cores",
    "Cassandra cores",
    "PostgreSQL cores",
    "generator cores",
    "machine busy cores",
    "stolen",
    "phones thread busy",
    "saturated",
  ]);
  const measure = async (level: number) => {
    const row = await measureLevel(ctx, level);
    print([
      fmt(level),
      fmt(row.offeredPerSecond),
      fmt(row.ackedPerSecond),
      fmt(row.ackedPerSecond / row.offeredPerSecond, 2),
      fmt(row.meanBatch, 1),
      `${fmt(row.latency.p50, 1)} / ${fmt(row.latency.p95, 1)} / ${fmt(row.latency.p99, 1)}`,
      fmt(row.lagP99Ms),
      fmt(row.cores.uploadApi, 2),
      fmt(row.uploadCpuPerBatch, 2),
      fmt(row.cores.writers, 2),
      fmt(row.cores.kafka, 2),
      fmt(row.cores.cassandra, 2),
      fmt(row.cores.postgres, 2),
      fmt(row.cores.generator, 2),
      fmt(row.cores.machine, 2),
      fmt(row.cores.steal, 2),
      `${fmt(row.utilization * 100)} %`,
      row.saturated ? "yes" : "no",
    ]);
    if (row.saturated) console.log(`         saturated: ${row.saturated}`);
    if (row.utilization > 0.9) console.log(`         the phones thread was busy ${fmt(row.utilization * 100)} % of the time: the generator may be the limit here`);
    return row;
  };
  const rows = await climbUntilSaturated(doublingLevels(settings.firstRunners, settings.maxRunners, settings.targetRunners), measure);
  const { kept, saturated } = saturationBounds(rows);
  console.log(
    saturated
      ? `\n  The pipeline saturates between ${fmt(kept?.runners ?? 0)} and ${fmt(saturated.runners)} runners.`
      : `\n  The pipeline kept up with ${fmt(settings.maxRunners)} runners (BENCH_MAX_RUNNERS); not saturated.`,
  );
  return rows;
}
