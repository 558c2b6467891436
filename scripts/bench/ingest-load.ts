/**
 * The two loads of `npm run bench:ingest`.
 *
 * `runnersAtCadence`: N runners as the real phone behaves. Each records a fix every 3 s and, every upload
 * interval (the client's own constant), sends what waits in batches of at most POINTS_PER_ITEM, one request at
 * a time per runner, the next batch only after the last was acknowledged (the outbox's single flusher). When
 * the server is slow the next batch is simply bigger, as on a phone. Runners start at random offsets, so
 * uploads are spread over the interval. The first interval is warm-up and not counted.
 *
 * `closedLoop`: every runner sends the next batch (20 points by default) as soon as the last is acknowledged: not how phones
 * behave, but it shows each path's raw ceiling per request.
 */
import { randomUUID } from "node:crypto";
import { POINT_UPLOAD_INTERVAL_MS } from "@/app/_lib/outbox/cadence";
import { POINTS_PER_ITEM } from "@/app/_lib/outbox/items";
import type { TrackPoint } from "@/domain/geo/track-point";

export const POINT_INTERVAL_MS = 3_000;

export interface BenchRunner {
  cookie: string;
  activityId: string;
  startedAt: number;
}

export type WriteBatch = (runner: BenchRunner, points: TrackPoint[]) => Promise<void>;

export interface LoadResult {
  /** Points the runners produced per second (cadence load only; closed loop: equal to acknowledged). */
  offeredPerSecond: number;
  acknowledgedPerSecond: number;
  batches: number;
  /** Batches acknowledged in the whole phase, warm-up included (the app's CPU is measured over all of it). */
  allBatches: number;
  /** Mean points per acknowledged batch. */
  meanBatchSize: number;
  /** Points still on the phones at the end that are older than two upload intervals: a backlog that grows. */
  backlog: number;
  p50: number;
  p95: number;
  p99: number;
  failures: number;
  /** The first failure's message, to tell a refusal from a timeout. */
  firstFailure: string | null;
}

function fix(ts: number): TrackPoint {
  return { id: randomUUID(), ts, lat: 37.52 + Math.random() * 0.01, lng: 126.93 + Math.random() * 0.01, altitude: 20, accuracy: 5, speed: 3 };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentiles(latencies: number[]) {
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export async function runnersAtCadence(runners: BenchRunner[], write: WriteBatch, measureMs: number): Promise<LoadResult> {
  const warmUpMs = POINT_UPLOAD_INTERVAL_MS;
  const t0 = performance.now();
  const measureFrom = t0 + warmUpMs;
  const deadline = measureFrom + measureMs;
  const latencies: number[] = [];
  let offered = 0;
  let acknowledged = 0;
  let batches = 0;
  let allBatches = 0;
  let backlog = 0;
  let failures = 0;
  let firstFailure: string | null = null;

  await Promise.all(
    runners.map(async (runner) => {
      const pending: TrackPoint[] = [];
      // Fixes arrive every 3 s from a random phase; counted as offered once the measured window opens.
      let nextFix = t0 + Math.random() * POINT_INTERVAL_MS;
      let nextUpload = t0 + Math.random() * POINT_UPLOAD_INTERVAL_MS;
      const collectFixes = (now: number) => {
        while (nextFix <= now && nextFix < deadline) {
          pending.push(fix(Date.now() - Math.round(now - nextFix)));
          if (nextFix >= measureFrom) offered++;
          nextFix += POINT_INTERVAL_MS;
        }
      };
      while (performance.now() < deadline) {
        await sleep(Math.max(0, Math.min(nextUpload, deadline) - performance.now()));
        const uploadStarted = performance.now();
        if (uploadStarted >= deadline) break;
        collectFixes(uploadStarted);
        while (pending.length > 0 && performance.now() < deadline) {
          const batch = pending.slice(0, POINTS_PER_ITEM);
          const sent = performance.now();
          try {
            await write(runner, batch);
          } catch (error) {
            failures++;
            firstFailure ??= describe(error);
            break; // the outbox backs off and retries the same batch next round
          }
          pending.splice(0, batch.length);
          allBatches++;
          const done = performance.now();
          if (sent >= measureFrom && done <= deadline) {
            latencies.push(done - sent);
            acknowledged += batch.length;
            batches++;
          }
          collectFixes(done);
        }
        nextUpload += POINT_UPLOAD_INTERVAL_MS;
      }
      collectFixes(deadline);
      const staleBefore = Date.now() - 2 * POINT_UPLOAD_INTERVAL_MS;
      backlog += pending.filter((point) => point.ts < staleBefore).length;
    }),
  );
  const seconds = measureMs / 1000;
  return {
    offeredPerSecond: offered / seconds,
    acknowledgedPerSecond: acknowledged / seconds,
    batches,
    allBatches,
    meanBatchSize: batches ? acknowledged / batches : 0,
    backlog,
    failures,
    firstFailure,
    ...percentiles(latencies),
  };
}

const CLOSED_LOOP_BATCH = 20;
/** The closed loop sends far faster than one fix per 3 s; its point times cycle inside the run's window,
 * because the server refuses points before a run's start or in the future. */
export const CLOSED_LOOP_WINDOW_MS = 47 * 3600_000;

export async function closedLoop(runners: BenchRunner[], write: WriteBatch, measureMs: number, batchSize = CLOSED_LOOP_BATCH): Promise<LoadResult> {
  const latencies: number[] = [];
  let points = 0;
  let batches = 0;
  let failures = 0;
  let firstFailure: string | null = null;
  const started = performance.now();
  const deadline = started + measureMs;
  await Promise.all(
    runners.map(async (runner, index) => {
      let sent = index * 1_000_000;
      while (performance.now() < deadline) {
        const batch = Array.from({ length: batchSize }, () =>
          fix(runner.startedAt + ((++sent * POINT_INTERVAL_MS) % CLOSED_LOOP_WINDOW_MS)),
        );
        const t0 = performance.now();
        try {
          await write(runner, batch);
        } catch (error) {
          failures++;
          firstFailure ??= describe(error);
          continue;
        }
        latencies.push(performance.now() - t0);
        points += batch.length;
        batches++;
      }
    }),
  );
  const perSecond = points / ((performance.now() - started) / 1000);
  return {
    offeredPerSecond: perSecond,
    acknowledgedPerSecond: perSecond,
    batches,
    allBatches: batches,
    meanBatchSize: batchSize,
    backlog: 0,
    failures,
    firstFailure,
    ...percentiles(latencies),
  };
}
