/**
 * Parts 1 and 2: closed-loop ceilings, end to end, against the driver, and the CPU each process spends per
 * batch.
 *
 * For each batch size and number of loops, three phases back to back, each on runs of its own:
 * - the baseline: the same batches written straight through cassandra-driver's location store from this
 *   process (what the writers' Cassandra work costs without HTTP or Kafka);
 * - through the upload API, and then through the Next app: the closed loop runs for BENCH_SECONDS with every
 *   batch acknowledged over HTTP (so, in Kafka); then the benchmark waits until the writers'
 *   points_written_total has caught up with every point acknowledged, and the end-to-end rate is the points
 *   over the time from the loop's start to that moment (polled every 50 ms). Every acknowledged id is then
 *   looked for in Cassandra ("lost": acknowledged, not there).
 * CPU per batch: the serving process (upload API or app) over the loop, the writers over the loop and its
 * drain, divided by the batches acknowledged.
 */
import { randomUUID } from "node:crypto";
import { createLocationStore } from "@/server/cassandra/location-store";
import { closedLoop, percentiles, type BenchRunner } from "./load";
import { RUNS_STARTED_AT, ROLES, ROLE_NAMES, type BenchContext, type CpuSnapshot, type Role } from "./context";
import { cpuSplitMs } from "../../lib/proc-cpu";
import { fmt, liveTable } from "./format";
import { settings } from "./settings";

export interface ClosedRow {
  batchSize: number;
  loops: number;
  path: "driver" | "upload API" | "Next";
  ackedPerSecond: number;
  writtenPerSecond: number;
  drainMs: number;
  latency: { p50: number; p95: number; p99: number };
  serverCpuPerBatch: number;
  writerCpuPerBatch: number;
  generatorCpuPerBatch: number;
  /** The share of the serving process's CPU spent in the kernel (system time): sockets, wake-ups. */
  serverKernelShare: number;
  /** Every process's CPU over the phase (loop and drain) per acknowledged batch, ms. */
  cpuPerBatch: Record<Role, number>;
  lost: number;
  failures: number;
  cores: Record<Role, number>;
  generatorUtilization: number;
}

const DRAIN_TIMEOUT_MS = 300_000;

function perBatch(from: CpuSnapshot, to: CpuSnapshot, batches: number): Record<Role, number> {
  return Object.fromEntries(ROLES.map((role) => [role, (to.ms[role] - from.ms[role]) / batches])) as Record<Role, number>;
}

export async function warmUp(ctx: BenchContext): Promise<void> {
  const runners = await ctx.newRunners(8);
  const store = createLocationStore(ctx.stack.cassandra);
  await closedLoop(
    runners.map((runner) => ({ ...runner, activityId: randomUUID() })),
    (runner, points) => store.append(runner.activityId, points),
    { durationMs: 5_000, batchSize: 20 },
  );
  for (const baseUrl of [ctx.uploadUrl, ...(settings.skip("next") ? [] : [ctx.appUrl])]) {
    const result = await ctx.phones.closed(baseUrl, runners, { durationMs: 5_000, batchSize: 20 });
    ctx.acknowledged.points += result.allPoints;
  }
  if (!(await ctx.drain(DRAIN_TIMEOUT_MS))) throw new Error("the writers did not catch up with the warm-up");
}

async function driverPhase(ctx: BenchContext, loops: number, batchSize: number): Promise<ClosedRow> {
  // Runs of their own (no row in PostgreSQL needed: the driver path checks nothing).
  const runners: BenchRunner[] = Array.from({ length: loops }, () => ({ cookie: "", activityId: randomUUID(), startedAt: RUNS_STARTED_AT }));
  const store = createLocationStore(ctx.stack.cassandra);
  const before = ctx.cpu();
  const result = await closedLoop(runners, (runner, points) => store.append(runner.activityId, points), {
    durationMs: settings.measureMs,
    batchSize,
  });
  const after = ctx.cpu();
  const perSecond = result.points / (result.measuredMs / 1000);
  return {
    batchSize,
    loops,
    path: "driver",
    ackedPerSecond: perSecond,
    writtenPerSecond: perSecond,
    drainMs: 0,
    latency: percentiles(result.latencies),
    serverCpuPerBatch: NaN,
    writerCpuPerBatch: NaN,
    generatorCpuPerBatch: (after.ms.generator - before.ms.generator) / result.batches,
    cpuPerBatch: perBatch(before, after, result.batches),
    serverKernelShare: NaN,
    lost: NaN,
    failures: result.failures,
    cores: ctx.cores(before, after),
    generatorUtilization: NaN,
  };
}

async function pipelinePhase(ctx: BenchContext, target: "upload API" | "Next", loops: number, batchSize: number): Promise<ClosedRow> {
  const baseUrl = target === "upload API" ? ctx.uploadUrl : ctx.appUrl;
  const server: Role = target === "upload API" ? "uploadApi" : "app";
  const runners = await ctx.newRunners(loops);
  if (!(await ctx.drain(DRAIN_TIMEOUT_MS))) throw new Error("the writers did not catch up before the phase");
  const writtenBefore = await ctx.written();
  const serverPid = target === "upload API" ? ctx.stack.uploadApi!.pid : ctx.stack.appPid;
  const splitBefore = cpuSplitMs(serverPid);
  const before = ctx.cpu();
  const result = await ctx.phones.closed(baseUrl, runners, { durationMs: settings.measureMs, batchSize, keepIds: true });
  const loopEnd = ctx.cpu();
  const splitAfter = cpuSplitMs(serverPid);
  const kernel = splitAfter.system - splitBefore.system;
  ctx.acknowledged.points += result.allPoints;
  const writtenAt = await ctx.waitWritten(writtenBefore + result.points, DRAIN_TIMEOUT_MS);
  const drained = ctx.cpu();
  if (writtenAt === null) console.log(`  ${target}: the writers had not written every acknowledged point after ${DRAIN_TIMEOUT_MS / 1000} s`);
  const { missing } = await ctx.missingIds(result.ids ?? {});
  const startedAt = result.measuredFrom; // the loop began 100 ms after the snapshot (phones.ts)
  const endAt = writtenAt ?? drained.at;
  return {
    batchSize,
    loops,
    path: target,
    ackedPerSecond: result.points / ((loopEnd.at - startedAt) / 1000),
    writtenPerSecond: result.points / ((endAt - startedAt) / 1000),
    drainMs: Math.max(0, endAt - loopEnd.at),
    latency: percentiles(result.latencies),
    serverCpuPerBatch: (loopEnd.ms[server] - before.ms[server]) / result.batches,
    writerCpuPerBatch: (drained.ms.writers - before.ms.writers) / result.batches,
    generatorCpuPerBatch: (loopEnd.ms.generator - before.ms.generator) / result.batches,
    cpuPerBatch: perBatch(before, drained, result.batches),
    serverKernelShare: kernel / (kernel + splitAfter.user - splitBefore.user),
    lost: missing,
    failures: result.failures,
    cores: ctx.cores(before, drained),
    generatorUtilization: result.utilization,
  };
}

export async function closedLoops(ctx: BenchContext): Promise<ClosedRow[]> {
  console.log(
    `\n1. Closed-loop ceilings, end to end: ${settings.measureMs / 1000} s of closed loops per path; HTTP paths counted ` +
      `once written in Cassandra (points / time from the start until the writers had written the last)\n`,
  );
  const row = liveTable([
    "pts/batch",
    "loops",
    "path",
    "acked pts/s",
    "in Cassandra pts/s",
    "e2e/driver",
    "drain s",
    "p50 / p95 / p99 ms",
    "server CPU ms/batch",
    "writer CPU ms/batch",
    "generator CPU ms/batch",
    "failed",
    "points lost",
  ]);
  const rows: ClosedRow[] = [];
  const coresLines: string[] = [];
  for (const batchSize of settings.closedBatches) {
    for (const loops of settings.closedLevels) {
      const driver = await driverPhase(ctx, loops, batchSize);
      const phases = [driver];
      for (const target of ["upload API", "Next"] as const) {
        if (target === "Next" && settings.skip("next")) continue;
        phases.push(await pipelinePhase(ctx, target, loops, batchSize));
      }
      for (const phase of phases) {
        rows.push(phase);
        row([
          String(batchSize),
          String(loops),
          phase.path === "driver" ? "driver (baseline)" : `${phase.path} → Kafka → writer`,
          fmt(phase.ackedPerSecond),
          fmt(phase.writtenPerSecond),
          fmt(phase.writtenPerSecond / driver.writtenPerSecond, 2),
          phase.path === "driver" ? "—" : fmt(phase.drainMs / 1000, 1),
          `${fmt(phase.latency.p50, 1)} / ${fmt(phase.latency.p95, 1)} / ${fmt(phase.latency.p99, 1)}`,
          fmt(phase.serverCpuPerBatch, 2),
          fmt(phase.writerCpuPerBatch, 2),
          fmt(phase.generatorCpuPerBatch, 2),
          String(phase.failures),
          phase.path === "driver" ? "—" : String(phase.lost),
        ]);
        coresLines.push(
          `  ${batchSize} pts, ${phase.path}: ` +
            ROLES.map((role) => `${ROLE_NAMES[role]} ${fmt(phase.cores[role], 2)}`).join(", ") +
            (Number.isFinite(phase.generatorUtilization) ? ` (phones thread busy ${fmt(phase.generatorUtilization * 100)} %)` : ""),
        );
      }
    }
  }
  console.log(`\n  cores in use during each phase (the pipeline's over the loop and its drain):`);
  for (const line of coresLines) console.log(line);
  return rows;
}

/** Part 2: the CPU per acknowledged 20-point batch, from part 1's 20-point phases. */
export function printCpuPerBatch(rows: readonly ClosedRow[]): void {
  const twenty = rows.filter((row) => row.batchSize === 20 && row.path !== "driver");
  if (twenty.length === 0) return;
  console.log(`\n2. CPU per acknowledged 20-point batch (closed loops above; /proc/<pid>/stat of the serving node process)\n`);
  for (const row of twenty) {
    console.log(
      `  ${row.path.padEnd(10)}  server ${fmt(row.serverCpuPerBatch, 3)} ms/batch (${fmt(row.serverKernelShare * 100)} % of it in the kernel)   writer ${fmt(row.writerCpuPerBatch, 3)} ms/batch   ` +
        `Kafka ${fmt(row.cpuPerBatch.kafka, 3)}   Cassandra ${fmt(row.cpuPerBatch.cassandra, 3)}   PostgreSQL ${fmt(row.cpuPerBatch.postgres, 3)}   generator ${fmt(row.generatorCpuPerBatch, 3)} ms/batch`,
    );
  }
}
