/**
 * One level of runners at the phone's cadence (a fix every 3 s, an upload every 15 s), against any target:
 * the upload API alone (bench:ingest) or a load balancer in front of several instances (bench:scale), with
 * CPU read for whatever roles the caller accounts for (processes, tiers, the machine). And the doubling
 * that both benchmarks climb: N from a first level until a level saturates, then once halfway between the
 * last level kept up with and the first saturated one.
 *
 * Each level: one upload interval of warm-up, then the measured window; CPU over the measured window; the
 * Kafka→Cassandra lag p99 from what the writers' location_service_ingest_lag_seconds histogram gained over it
 * (per batch, from the upload's acknowledgement to the write; interpolated inside its bucket as Prometheus'
 * histogram_quantile does).
 */
import { POINT_UPLOAD_INTERVAL_MS } from "@/app/_lib/outbox/cadence";
import { coresBetween, type CpuSnapshot } from "../../lib/proc-cpu";
import { clock, percentiles, type BenchRunner } from "./load";
import { histogram, histogramDelta, maxBound, quantile, type Scrape } from "./metrics";
import type { Phones } from "./phones";

const LAG = "location_service_ingest_lag_seconds";
const sleepUntil = (at: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, at - clock())));

export interface CadenceTarget<R extends string> {
  phones: Phones;
  /** Where the phones upload. */
  url: string;
  /** The first `count` runners, runs started (the same ones level after level). */
  runners(count: number): Promise<BenchRunner[]>;
  /** Waits until the writers have written everything acknowledged so far (false: timed out). */
  drain(timeoutMs: number): Promise<boolean>;
  /** The writers' metrics. */
  scrape(): Promise<Scrape>;
  cpu(): CpuSnapshot<R>;
  /** Running count of acknowledged points; each level adds its own. */
  acknowledged: { points: number };
}

export interface CadenceTiming {
  warmUpMs: number;
  measureMs: number;
}

export interface CadenceLevel<R extends string> {
  runners: number;
  offeredPerSecond: number;
  ackedPerSecond: number;
  /** Batches acknowledged in the measured window, and their mean size. */
  batches: number;
  meanBatch: number;
  latency: { p50: number; p95: number; p99: number };
  lagP99Ms: number;
  lagMaxBoundS: number;
  /** Cores per role over the measured window, and the CPU ms behind them. */
  cores: Record<R, number>;
  cpuMs: Record<R, number>;
  /** The worst phones thread's event-loop delay p99 (ms) and utilization (0–1). */
  loopDelayP99Ms: number;
  utilization: number;
  backlog: number;
  failures: number;
  /** Why the level counts as saturated, or null. */
  saturated: string | null;
}

export async function measureCadenceLevel<R extends string>(target: CadenceTarget<R>, level: number, timing: CadenceTiming): Promise<CadenceLevel<R>> {
  const runners = await target.runners(level);
  if (!(await target.drain(120_000))) console.log(`  (the writers were still behind when the ${level}-runner level began)`);
  const load = target.phones.cadence(target.url, runners, { warmUpMs: timing.warmUpMs, measureMs: timing.measureMs });
  await sleepUntil(load.startAt + timing.warmUpMs);
  const [before, lagBefore] = [target.cpu(), histogram(await target.scrape(), LAG)];
  await sleepUntil(load.startAt + timing.warmUpMs + timing.measureMs);
  const [after, lagAfter] = [target.cpu(), histogram(await target.scrape(), LAG)];
  const result = await load.result;
  target.acknowledged.points += result.allPoints;
  const lag = histogramDelta(lagBefore, lagAfter);
  const seconds = timing.measureMs / 1000;
  const latency = percentiles(result.latencies);
  const lagP99Ms = quantile(lag, 0.99) * 1000;
  const cpuMs = Object.fromEntries(Object.keys(after.ms).map((role) => [role, after.ms[role as R] - before.ms[role as R]])) as Record<R, number>;
  const row: CadenceLevel<R> = {
    runners: level,
    offeredPerSecond: result.offered / seconds,
    ackedPerSecond: result.points / seconds,
    batches: result.batches,
    meanBatch: result.batches ? result.points / result.batches : 0,
    latency,
    lagP99Ms,
    lagMaxBoundS: maxBound(lag),
    cores: coresBetween(before, after),
    cpuMs,
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

/** first, 2·first, 4·first, … up to `max`, with `extra` too where the doubling passes it (if it is ≤ max). */
export function doublingLevels(first: number, max: number, extra?: number): number[] {
  const levels: number[] = [];
  for (let level = first; level <= max; level *= 2) {
    levels.push(level);
    if (extra !== undefined && level < extra && level * 2 > extra && extra <= max) levels.push(extra);
  }
  return levels;
}

/**
 * Measures the levels in order until one saturates, then the level halfway between the last one kept up with
 * and that one (unless measured already). `measure` resolves with the level's row; the rows, in order measured.
 */
export async function climbUntilSaturated<Row extends { runners: number; saturated: string | null }>(
  levels: readonly number[],
  measure: (level: number) => Promise<Row>,
): Promise<Row[]> {
  const rows: Row[] = [];
  let lastKept = 0;
  for (const level of levels) {
    const row = await measure(level);
    rows.push(row);
    if (row.saturated) {
      const half = Math.round((lastKept + level) / 2);
      if (lastKept > 0 && !rows.some((r) => r.runners === half)) rows.push(await measure(half));
      break;
    }
    lastKept = level;
  }
  return rows;
}

/** The largest level kept up with below the first saturated one, and that one (undefined: none saturated). */
export function saturationBounds<Row extends { runners: number; saturated: string | null }>(rows: readonly Row[]) {
  const saturated = rows.filter((row) => row.saturated).sort((a, b) => a.runners - b.runners)[0];
  const kept = rows.filter((row) => !row.saturated && (!saturated || row.runners < saturated.runners)).sort((a, b) => b.runners - a.runners)[0];
  return { kept, saturated };
}
