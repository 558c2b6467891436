/**
 * The simulated phones, off the main thread: `BENCH_GENERATOR_THREADS` worker threads (default 1), each
 * with its share of the runners and of the keep-alive connections (`BENCH_CONNECTIONS` in all, as a
 * reverse proxy's upstream pool: lib/pooled-post.ts). The main thread stays free to read CPU and metrics on
 * time; each thread reports how busy its event loop was, so a saturated generator shows as such instead of
 * passing for a slow server.
 */
import { Worker } from "node:worker_threads";
import { clock, type BenchRunner, type CadenceOptions, type ClosedLoopOptions, type LoadResult, type LoadStats } from "./load";

export type PhonesCommand =
  | { type: "closed"; baseUrl: string; runners: BenchRunner[]; options: Omit<ClosedLoopOptions, "stats"> }
  | { type: "cadence"; baseUrl: string; runners: BenchRunner[]; options: Omit<CadenceOptions, "stats"> }
  | { type: "stop" }
  | { type: "close" };

export type PhonesReply =
  | { type: "progress"; stats: LoadStats }
  | { type: "done"; result: LoadResult; loopDelayP99Ms: number; utilization: number }
  | { type: "error"; message: string };

export interface PhonesResult extends LoadResult {
  /** The worst thread's event-loop delay p99 (ms) and utilization (0–1): near 1, the generator is the limit. */
  loopDelayP99Ms: number;
  utilization: number;
}

export interface RunningLoad {
  /** Totals so far over every thread (warm-up included). */
  stats(): LoadStats;
  stop(): void;
  result: Promise<PhonesResult>;
}

function merge(parts: { result: LoadResult; loopDelayP99Ms: number; utilization: number }[]): PhonesResult {
  const sum = (pick: (r: LoadResult) => number) => parts.reduce((n, part) => n + pick(part.result), 0);
  const results = parts.map((part) => part.result);
  const ids = results.some((r) => r.ids) ? Object.assign({}, ...results.map((r) => r.ids ?? {})) : undefined;
  return {
    offered: sum((r) => r.offered),
    points: sum((r) => r.points),
    batches: sum((r) => r.batches),
    allPoints: sum((r) => r.allPoints),
    allBatches: sum((r) => r.allBatches),
    latencies: results.flatMap((r) => r.latencies),
    failures: sum((r) => r.failures),
    firstFailure: results.find((r) => r.firstFailure)?.firstFailure ?? null,
    backlog: sum((r) => r.backlog),
    measuredMs: Math.max(...results.map((r) => r.measuredMs)),
    measuredFrom: Math.min(...results.map((r) => r.measuredFrom)),
    ...(ids ? { ids } : {}),
    ...(results.some((r) => r.timeline)
      ? { timeline: results.flatMap((r) => r.timeline ?? []), failureTimes: results.flatMap((r) => r.failureTimes ?? []) }
      : {}),
    loopDelayP99Ms: Math.max(...parts.map((part) => part.loopDelayP99Ms)),
    utilization: Math.max(...parts.map((part) => part.utilization)),
  };
}

export class Phones {
  private constructor(private readonly workers: Worker[]) {}

  static async start(threads: number, connections: number): Promise<Phones> {
    const entry = new URL("./phones-thread.ts", import.meta.url).href;
    const perThread = Math.max(1, Math.ceil(connections / threads));
    const workers = Array.from(
      { length: threads },
      () => new Worker(new URL("./phones-boot.mjs", import.meta.url), { workerData: { entry, connections: perThread } }),
    );
    await Promise.all(workers.map((worker) => new Promise((resolve, reject) => worker.once("online", resolve).once("error", reject))));
    return new Phones(workers);
  }

  get threads() {
    return this.workers.length;
  }

  private run(make: (runners: BenchRunner[]) => PhonesCommand, runners: readonly BenchRunner[]): RunningLoad {
    const shares = this.workers.map((_, i) => runners.filter((__, index) => index % this.workers.length === i));
    const latest = this.workers.map((): LoadStats => ({ points: 0, batches: 0, failures: 0 }));
    const active = this.workers.filter((_, i) => shares[i]!.length > 0);
    const result = Promise.all(
      this.workers.map((worker, i) => {
        if (shares[i]!.length === 0) return null;
        return new Promise<{ result: LoadResult; loopDelayP99Ms: number; utilization: number }>((resolve, reject) => {
          const onMessage = (reply: PhonesReply) => {
            if (reply.type === "progress") {
              latest[i] = reply.stats;
              return;
            }
            worker.off("message", onMessage).off("error", reject);
            if (reply.type === "error") reject(new Error(`phones thread ${i + 1}: ${reply.message}`));
            else {
              latest[i] = { points: reply.result.allPoints, batches: reply.result.allBatches, failures: reply.result.failures };
              resolve(reply);
            }
          };
          worker.on("message", onMessage).once("error", reject);
          worker.postMessage(make(shares[i]!));
        });
      }),
    ).then((parts) => merge(parts.filter((part) => part !== null)));
    return {
      stats: () => latest.reduce((a, b) => ({ points: a.points + b.points, batches: a.batches + b.batches, failures: a.failures + b.failures })),
      stop: () => active.forEach((worker) => worker.postMessage({ type: "stop" } satisfies PhonesCommand)),
      result,
    };
  }

  /** Closed loops through `baseUrl`, every thread starting at the same moment. */
  closed(baseUrl: string, runners: readonly BenchRunner[], options: Omit<ClosedLoopOptions, "stats" | "startAt">): Promise<PhonesResult> {
    const startAt = clock() + 100;
    return this.run((share) => ({ type: "closed", baseUrl, runners: share, options: { ...options, startAt } }), runners).result;
  }

  /** Runners at the phone's cadence through `baseUrl`; `startAt` (epoch ms) is when the warm-up begins. */
  cadence(baseUrl: string, runners: readonly BenchRunner[], options: Omit<CadenceOptions, "stats" | "startAt">): RunningLoad & { startAt: number } {
    const startAt = clock() + 100;
    return { ...this.run((share) => ({ type: "cadence", baseUrl, runners: share, options: { ...options, startAt } }), runners), startAt };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (worker) => {
        worker.postMessage({ type: "close" } satisfies PhonesCommand);
        await worker.terminate();
      }),
    );
  }
}
