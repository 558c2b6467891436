/**
 * One thread of simulated phones (see phones.ts): runs the loads of load.ts against an HTTP endpoint over
 * its own keep-alive pool, posts running totals every 250 ms and the result at the end.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import superjson from "superjson";
import type { TrackPoint } from "@/domain/geo/track-point";
import { pooledPost, type PooledPost } from "../lib/pooled-post";
import { cadenceLoop, closedLoop, type BenchRunner, type CadenceControl, type LoadResult, type LoadStats } from "./load";
import type { PhonesCommand, PhonesReply } from "./phones";

const { connections } = workerData as { connections: number; entry: string };
const port = parentPort!;
const pools = new Map<string, PooledPost>();
let control: CadenceControl | null = null;

function writerFor(baseUrl: string) {
  let post = pools.get(baseUrl);
  if (!post) {
    post = pooledPost(baseUrl, connections);
    pools.set(baseUrl, post);
  }
  const send = post;
  return async (runner: BenchRunner, points: TrackPoint[]) => {
    const body = JSON.stringify(superjson.serialize({ activityId: runner.activityId, points }));
    const response = await send("/api/trpc/activities.appendPoints", { "content-type": "application/json", cookie: runner.cookie }, body);
    if (response.status !== 200) throw new Error(`appendPoints answered ${response.status}: ${response.body.slice(0, 200)}`);
  };
}

const reply = (message: PhonesReply) => port.postMessage(message);

async function runLoad(command: Extract<PhonesCommand, { type: "closed" | "cadence" }>) {
  const stats: LoadStats = { points: 0, batches: 0, failures: 0 };
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const elu = performance.eventLoopUtilization();
  const progress = setInterval(() => reply({ type: "progress", stats: { ...stats } }), 250);
  try {
    const write = writerFor(command.baseUrl);
    let result: LoadResult;
    if (command.type === "closed") {
      result = await closedLoop(command.runners, write, { ...command.options, stats });
    } else {
      const load = cadenceLoop(command.runners, write, { ...command.options, stats });
      control = load.control;
      result = await load.result;
    }
    delay.disable();
    reply({
      type: "done",
      result,
      loopDelayP99Ms: delay.percentile(99) / 1e6,
      utilization: performance.eventLoopUtilization(elu).utilization,
    });
  } finally {
    clearInterval(progress);
    control = null;
  }
}

port.on("message", (command: PhonesCommand) => {
  if (command.type === "stop") {
    control?.stop();
    return;
  }
  if (command.type === "close") {
    for (const post of pools.values()) post.close();
    port.close();
    return;
  }
  runLoad(command).catch((error: unknown) => reply({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
