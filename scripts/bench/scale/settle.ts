/**
 * Before a configuration's first level: the stack at rest, then a minute of load. A freshly started JVM (three
 * Cassandra nodes and three Kafka brokers at once, in 2x-c3) compiles its hot paths and finishes its start-up
 * work for a minute or two; measured straight away, the first level of the first full run of 2x-c3 found the
 * machine at 2.00 cores at 2,000 runners and both upload APIs taken out by HAProxy's 1 s health check.
 *
 * `atRest` reads every tier's cores over 10 s windows until the machine is under `quietCores` (or
 * `maxMs` has passed) and returns the last window: what the stack costs doing nothing. `warmUp` runs the
 * first level's runners for `ms`, unmeasured.
 */
import type { CadenceTarget } from "../ingest/cadence-level";
import { fmt } from "../ingest/format";
import { clock, percentiles } from "../ingest/load";
import { coresBetween, type CpuSnapshot } from "../../lib/proc-cpu";
import { SERVER_TIERS, TIER_NAMES, type Tier } from "./tiers";

const WINDOW_MS = 10_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function describeCores(cores: Record<Tier, number>): string {
  const tiers = SERVER_TIERS.filter((tier) => cores[tier] >= 0.005)
    .sort((a, b) => cores[b] - cores[a])
    .map((tier) => `${TIER_NAMES[tier]} ${fmt(cores[tier], 2)}`);
  return `machine ${fmt(cores.machine, 2)} cores (${tiers.join(", ") || "nothing"})`;
}

export async function atRest(cpu: () => CpuSnapshot<Tier>, options: { quietCores: number; maxMs: number }): Promise<Record<Tier, number>> {
  const started = clock();
  for (;;) {
    const before = cpu();
    await sleep(WINDOW_MS);
    const cores = coresBetween(before, cpu());
    const quiet = cores.machine < options.quietCores;
    const late = clock() - started >= options.maxMs;
    if (quiet || late) {
      const how = quiet ? "quiet" : `still over ${fmt(options.quietCores, 1)} cores after ${fmt(options.maxMs / 1000)} s`;
      console.log(`  at rest (${how}, ${fmt((clock() - started) / 1000)} s after ready): ${describeCores(cores)}`);
      return cores;
    }
    console.log(`  settling: ${describeCores(cores)}`);
  }
}

export async function warmUp(target: CadenceTarget<Tier>, runners: number, ms: number): Promise<void> {
  const list = await target.runners(runners);
  const load = target.phones.cadence(target.url, list, { warmUpMs: 0, measureMs: ms });
  const result = await load.result;
  target.acknowledged.points += result.allPoints;
  const latency = percentiles(result.latencies);
  console.log(
    `  warmed up: ${fmt(ms / 1000)} s at ${fmt(runners)} runners, upload p99 ${fmt(latency.p99, 1)} ms, ${fmt(result.failures)} failed` +
      (result.failures ? ` (${result.firstFailure})` : ""),
  );
}
