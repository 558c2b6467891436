/**
 * The two loads of `npm run bench:ingest`, written against any `WriteBatch` (an HTTP upload in a phones
 * thread, or the driver baseline in the main thread).
 *
 * `cadenceLoop`: N runners as the real phone behaves. Each records a fix every 3 s and, every upload
 * interval (the client's own constant), sends what waits in batches of at most POINTS_PER_ITEM, one request at
 * a time per runner, the next batch only after the last was acknowledged (the outbox's single flusher). When
 * the server is slow the next batch is simply bigger, as on a phone; a failed upload waits for the next
 * round, as the outbox's back-off does. Runners start at random offsets, so uploads are spread over the
 * interval. The first interval is warm-up and not counted; the load runs for `measureMs`, or until `stop`.
 *
 * `closedLoop`: every runner sends the next batch as soon as the last is acknowledged: not how phones
 * behave, but it shows each path's raw ceiling per request.
 *
 * Both count what was acknowledged, keep the acknowledged point ids per run when asked (to look for them in
 * Cassandra afterwards), and keep running totals in `LoadStats` that a caller may read at any moment.
 */
import { randomUUID } from "node:crypto";
import { POINT_UPLOAD_INTERVAL_MS } from "@/app/_lib/outbox/cadence";
import { POINTS_PER_ITEM } from "@/app/_lib/outbox/items";
import type { TrackPoint } from "@/domain/geo/track-point";

export const POINT_INTERVAL_MS = 3_000;

/** The closed loop sends far faster than one fix per 3 s; its point times cycle inside the run's window,
 * because the server refuses points before a run's start or in the future. */
export const CLOSED_LOOP_WINDOW_MS = 47 * 3600_000;

export interface BenchRunner {
  cookie: string;
  activityId: string;
  startedAt: number;
}

export type WriteBatch = (runner: BenchRunner, points: TrackPoint[]) => Promise<void>;

/** Running totals over the whole load, warm-up included. */
export interface LoadStats {
  points: number;
  batches: number;
  failures: number;
}

export interface LoadResult {
  /** Points produced in the measured window (cadence); for the closed loop, the points acknowledged. */
  offered: number;
  /** Points and batches acknowledged in the measured window. */
  points: number;
  batches: number;
  /** Acknowledged over the whole load, warm-up included (CPU is read over all of it). */
  allPoints: number;
  allBatches: number;
  /** Latency of every batch of the measured window, ms. */
  latencies: number[];
  failures: number;
  /** The first failure's message, to tell a refusal from a timeout. */
  firstFailure: string | null;
  /** Points still on the phones at the end that are older than two upload intervals: a backlog that grows. */
  backlog: number;
  /** Length of the measured window, ms, and when it began (epoch ms). */
  measuredMs: number;
  measuredFrom: number;
  /** Acknowledged point ids by activity (when asked for). */
  ids?: Record<string, string[]>;
  /** Every acknowledged batch as [done at (epoch ms), latency ms, points], flat (when asked for). */
  timeline?: number[];
  /** Every failure's time (epoch ms), when the timeline is asked for. */
  failureTimes?: number[];
}

/** Milliseconds since the epoch, sub-millisecond, comparable between threads. */
export const clock = () => performance.timeOrigin + performance.now();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export function fix(ts: number): TrackPoint {
  return { id: randomUUID(), ts, lat: 37.52 + Math.random() * 0.01, lng: 126.93 + Math.random() * 0.01, altitude: 20, accuracy: 5, speed: 3 };
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

export function percentiles(latencies: readonly number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

function keeper(keepIds: boolean) {
  const ids: Record<string, string[]> = {};
  return {
    ids: keepIds ? ids : undefined,
    keep(activityId: string, points: readonly TrackPoint[]) {
      if (!keepIds) return;
      const list = (ids[activityId] ??= []);
      for (const point of points) list.push(point.id);
    },
  };
}

export interface ClosedLoopOptions {
  durationMs: number;
  batchSize: number;
  keepIds?: boolean;
  /** Epoch ms to begin at (threads of one load begin together); default now. */
  startAt?: number;
  stats?: LoadStats;
}

export async function closedLoop(runners: readonly BenchRunner[], write: WriteBatch, options: ClosedLoopOptions): Promise<LoadResult> {
  const stats = options.stats ?? { points: 0, batches: 0, failures: 0 };
  const ids = keeper(options.keepIds ?? false);
  const latencies: number[] = [];
  let firstFailure: string | null = null;
  await sleep((options.startAt ?? clock()) - clock());
  const started = clock();
  const deadline = started + options.durationMs;
  await Promise.all(
    runners.map(async (runner, index) => {
      let sent = index * 1_000_000;
      while (clock() < deadline) {
        const batch = Array.from({ length: options.batchSize }, () =>
          fix(runner.startedAt + ((++sent * POINT_INTERVAL_MS) % CLOSED_LOOP_WINDOW_MS)),
        );
        const t0 = performance.now();
        try {
          await write(runner, batch);
        } catch (error) {
          stats.failures++;
          firstFailure ??= describeError(error);
          continue;
        }
        latencies.push(performance.now() - t0);
        stats.points += batch.length;
        stats.batches++;
        ids.keep(runner.activityId, batch);
      }
    }),
  );
  return {
    offered: stats.points,
    points: stats.points,
    batches: stats.batches,
    allPoints: stats.points,
    allBatches: stats.batches,
    latencies,
    failures: stats.failures,
    firstFailure,
    backlog: 0,
    measuredMs: clock() - started,
    measuredFrom: started,
    ...(ids.ids ? { ids: ids.ids } : {}),
  };
}

export interface CadenceOptions {
  warmUpMs?: number;
  /** Measured window after the warm-up; null: until `control.stop()`. */
  measureMs: number | null;
  keepIds?: boolean;
  timeline?: boolean;
  startAt?: number;
  stats?: LoadStats;
}

/** Lets a caller end an open-ended cadence load. */
export interface CadenceControl {
  stop(): void;
}

export function cadenceLoop(
  runners: readonly BenchRunner[],
  write: WriteBatch,
  options: CadenceOptions,
): { control: CadenceControl; result: Promise<LoadResult> } {
  const stats = options.stats ?? { points: 0, batches: 0, failures: 0 };
  const ids = keeper(options.keepIds ?? false);
  const timeline: number[] | undefined = options.timeline ? [] : undefined;
  const failureTimes: number[] | undefined = options.timeline ? [] : undefined;
  const warmUpMs = options.warmUpMs ?? POINT_UPLOAD_INTERVAL_MS;
  const t0 = options.startAt ?? clock();
  const measureFrom = t0 + warmUpMs;
  let deadline = options.measureMs === null ? Infinity : measureFrom + options.measureMs;
  let wake: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  const control: CadenceControl = {
    stop() {
      deadline = Math.min(deadline, Math.max(clock(), measureFrom));
      wake();
    },
  };
  const latencies: number[] = [];
  let offered = 0;
  let points = 0;
  let batches = 0;
  let backlog = 0;
  let firstFailure: string | null = null;

  const result = (async () => {
    await sleep(t0 - clock());
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
        while (clock() < deadline) {
          await Promise.race([sleep(Math.min(nextUpload, deadline) - clock()), stopped]);
          const uploadStarted = clock();
          if (uploadStarted >= deadline) break;
          collectFixes(uploadStarted);
          while (pending.length > 0 && clock() < deadline) {
            const batch = pending.slice(0, POINTS_PER_ITEM);
            const sent = clock();
            try {
              await write(runner, batch);
            } catch (error) {
              stats.failures++;
              failureTimes?.push(clock());
              firstFailure ??= describeError(error);
              break; // the outbox backs off and retries the same batch next round
            }
            pending.splice(0, batch.length);
            const done = clock();
            stats.points += batch.length;
            stats.batches++;
            ids.keep(runner.activityId, batch);
            timeline?.push(done, done - sent, batch.length);
            if (sent >= measureFrom && done <= deadline) {
              latencies.push(done - sent);
              points += batch.length;
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
    const measuredMs = Math.max(0, Math.min(deadline, clock()) - measureFrom);
    return {
      offered,
      points,
      batches,
      allPoints: stats.points,
      allBatches: stats.batches,
      latencies,
      failures: stats.failures,
      firstFailure,
      backlog,
      measuredMs,
      measuredFrom: measureFrom,
      ...(ids.ids ? { ids: ids.ids } : {}),
      ...(timeline ? { timeline, failureTimes: failureTimes! } : {}),
    };
  })();
  return { control, result };
}
