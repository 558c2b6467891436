/**
 * Part 3: runners at the phone's cadence (a fix every 3 s, an upload every 15 s) through the upload API,
 * doubling N from BENCH_RUNNERS until the pipeline saturates (also measuring the target, 20,000, when the
 * doubling passes it), then once halfway between the last level kept up with and the first saturated one,
 * up to BENCH_MAX_RUNNERS. Each level: one upload interval of warm-up, BENCH_SECONDS measured; CPU of each
 * process over the measured window; the Kafka→Cassandra lag p99 from what the writers'
 * location_service_ingest_lag_seconds histogram gained over the window (per batch, from the upload API's
 * acknowledgement to the write; interpolated inside its bucket as Prometheus' histogram_quantile does).
 */
import { POINT_UPLOAD_INTERVAL_MS } from "@/app/_lib/outbox/cadence";
import { percentiles } from "./load";
import { sleepUntil, type BenchContext, type Role } from "./context";
import { fmt, liveTable } from "./format";
import { histogram, histogramDelta, maxBound, quantile } from "./metrics";
import { settings } from "./settings";

export interface CadenceRow {
  runners: number;
  offeredPerSecond: number;
  ackedPerSecond: number;
  meanBatch: number;
  latency: { p50: number; p95: number; p99: number };
  lagP99Ms: number;
  lagMaxBoundS: number;
  cores: Record<Role, number>;
  uploadCpuPerBatch: number;
  loopDelayP99Ms: number;
  utilization: number;
  backlog: number;
  failures: number;
  saturated: string | null;
}

const LAG = "location_service_ingest_lag_seconds";

async function measureLevel(ctx: BenchContext, level: number): Promise<CadenceRow> {
  const runners = await ctx.cadenceRunners(level);
  if (!(await ctx.drain(120_000))) console.log(`  (the writers were still behind when the ${level}-runner level began)`);
  const load = ctx.phones.cadence(ctx.uploadUrl, runners, { warmUpMs: settings.warmUpMs, measureMs: settings.measureMs });
  await sleepUntil(load.startAt + settings.warmUpMs);
  const [before, lagBefore] = [ctx.cpu(), histogram(await ctx.scrape(), LAG)];
  await sleepUntil(load.startAt + settings.warmUpMs + settings.measureMs);
  const [after, lagAfter] = [ctx.cpu(), histogram(await ctx.scrape(), LAG)];
  const result = await load.result;
  ctx.acknowledged.points += result.allPoints;
  const lag = histogramDelta(lagBefore, lagAfter);
  const seconds = settings.measureMs / 1000;
  const latency = percentiles(result.latencies);
  const lagP99Ms = quantile(lag, 0.99) * 1000;
  const row: CadenceRow = {
    runners: level,
    offeredPerSecond: result.offered / seconds,
    ackedPerSecond: result.points / seconds,
    meanBatch: result.batches ? result.points / result.batches : 0,
    latency,
    lagP99Ms,
    lagMaxBoundS: maxBound(lag),
    cores: ctx.cores(before, after),
    uploadCpuPerBatch: (after.ms.uploadApi - before.ms.uploadApi) / Math.max(1, result.batches),
    loopDelayP99Ms: result.loopDelayP99Ms,
    utilization: result.utilization,
    backlog: result.backlog,
    failures: result.failures,
    saturated: null,
  };
  // Saturated: uploads no longer keep up (points pile up on the phones, answers slower than the upload
  // interval, failures), or the writers do not (the lag passes an upload interval).
  const reasons = [
    row.ackedPerSecond < 0.95 * row.offeredPerSecond ? "acknowledged < 95 % of offered" : "",
    row.backlog > 0 ? "backlog on the phones" : "",
    latency.p99 > POINT_UPLOAD_INTERVAL_MS ? "upload p99 > upload interval" : "",
    row.failures > 0 ? `${row.failures} failed uploads (${result.firstFailure})` : "",
    lagP99Ms > POINT_UPLOAD_INTERVAL_MS ? "writer lag p99 > upload interval" : "",
  ].filter(Boolean);
  row.saturated = reasons.length ? reasons.join("; ") : null;
  return row;
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
  const rows: CadenceRow[] = [];
  const measure = async (level: number) => {
    const row = await measureLevel(ctx, level);
    rows.push(row);
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
    return row.saturated !== null;
  };
  const levels: number[] = [];
  for (let level = settings.firstRunners; level <= settings.maxRunners; level *= 2) {
    const next = level * 2;
    levels.push(level);
    if (level < settings.targetRunners && next > settings.targetRunners && settings.targetRunners <= settings.maxRunners) levels.push(settings.targetRunners);
  }
  let lastKept = 0;
  for (const level of levels) {
    if (await measure(level)) {
      const half = Math.round((lastKept + level) / 2);
      if (lastKept > 0 && !rows.some((row) => row.runners === half)) await measure(half);
      break;
    }
    lastKept = level;
  }
  const saturated = rows.filter((row) => row.saturated).sort((a, b) => a.runners - b.runners)[0];
  const kept = rows.filter((row) => !row.saturated && (!saturated || row.runners < saturated.runners)).sort((a, b) => b.runners - a.runners)[0];
  console.log(
    saturated
      ? `\n  The pipeline saturates between ${fmt(kept?.runners ?? 0)} and ${fmt(saturated.runners)} runners.`
      : `\n  The pipeline kept up with ${fmt(settings.maxRunners)} runners (BENCH_MAX_RUNNERS); not saturated.`,
  );
  return rows;
}
