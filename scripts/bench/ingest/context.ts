/**
 * What every part of the benchmark shares: the stack, the phones, the runners, and the three questions asked
 * after each load: how much CPU did each process use, has the writer written everything acknowledged so far
 * (the Location Service's `location_service_points_written_total` against the points the phones had
 * acknowledged), and is every acknowledged point id in Cassandra.
 */
import type { BenchStack } from "../lib/bench-stack";
import { coresBetween, cpuMs, cpuMsByName, machineCpuMs, type CpuSnapshot as RoleCpuSnapshot } from "../../lib/proc-cpu";
import { clock, type BenchRunner } from "./load";
import type { Scrape } from "./metrics";
import type { Phones } from "./phones";
import { runnerPool } from "./runners";
import { writerProgress } from "./writer-progress";

export { RUNS_STARTED_AT } from "./runners";
export { COURSE_ID } from "../../lib/simulated-runner";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
export const sleepUntil = (at: number) => sleep(at - clock());

export type Role = "uploadApi" | "app" | "writers" | "kafka" | "cassandra" | "postgres" | "generator" | "machine" | "steal";
/** Processes; then the whole machine (every process and the kernel: loopback networking is softirq time) and the hypervisor's steal. */
export const ROLES: readonly Role[] = ["uploadApi", "app", "writers", "kafka", "cassandra", "postgres", "generator", "machine", "steal"];
export const ROLE_NAMES: Record<Role, string> = {
  uploadApi: "upload API",
  app: "Next app",
  writers: "writer",
  kafka: "Kafka",
  cassandra: "Cassandra",
  postgres: "PostgreSQL",
  generator: "generator",
  machine: "whole machine",
  steal: "stolen",
};

export type CpuSnapshot = RoleCpuSnapshot<Role>;

export interface BenchContext {
  stack: BenchStack;
  phones: Phones;
  uploadUrl: string;
  appUrl: string;
  cookies: string[];
  /** Starts runs (syncEvents start) through the upload API; `count` new runners. */
  newRunners(count: number): Promise<BenchRunner[]>;
  /** Runners for the cadence levels: the same ones level after level, more when a level needs them. */
  cadenceRunners(count: number): Promise<BenchRunner[]>;
  /** Points acknowledged over HTTP so far in this run (every part adds what it had acknowledged). */
  acknowledged: { points: number };
  scrape(): Promise<Scrape>;
  /** Points the writers have written in this run (rewrites after a retry count again). */
  written(scrape?: Scrape): Promise<number>;
  /** Polls every 50 ms until the writers have written `points` in this run; the moment they had (or null). */
  waitWritten(points: number, timeoutMs: number): Promise<number | null>;
  /** Waits until everything acknowledged so far is written (true), or the timeout (false). */
  drain(timeoutMs: number): Promise<boolean>;
  /** After rewrites (the outage), the written count is taken as equal to the acknowledged one again. */
  rebaseWritten(): Promise<void>;
  /** How many acknowledged ids are missing from Cassandra. */
  missingIds(ids: Record<string, string[]>): Promise<{ checked: number; missing: number }>;
  cpu(): CpuSnapshot;
  cores(from: CpuSnapshot, to: CpuSnapshot): Record<Role, number>;
}

export async function createContext(stack: BenchStack, phones: Phones, cookies: string[]): Promise<BenchContext> {
  const uploadUrl = stack.uploadApi!.baseUrl;
  const acknowledged = { points: 0 };
  const progress = await writerProgress(stack.writers.map((writer) => writer.metricsUrl), acknowledged);
  const runners = runnerPool(uploadUrl, cookies);

  const pid = (get: () => number | undefined) => {
    const value = get();
    return value ? cpuMs(value) : 0;
  };
  const cpu = (): CpuSnapshot => ({
    at: clock(),
    ms: {
      uploadApi: pid(() => stack.uploadApi?.pid),
      app: pid(() => stack.appPid),
      writers: stack.writers.reduce((sum, writer) => sum + cpuMs(writer.pid), 0),
      kafka: (stack.kafka?.brokerPids() ?? []).reduce((sum, brokerPid) => sum + cpuMs(brokerPid), 0),
      cassandra: pid(() => stack.cassandraPid()),
      // Every backend of the machine's server (this bench's database is the only busy one).
      postgres: cpuMsByName("postgres"),
      generator: cpuMs(process.pid),
      ...(({ busy, steal }) => ({ machine: busy, steal }))(machineCpuMs()),
    },
  });

  return {
    stack,
    phones,
    uploadUrl,
    appUrl: stack.baseUrl,
    cookies,
    newRunners: runners.newRunners,
    cadenceRunners: runners.take,
    acknowledged,
    scrape: progress.scrape,
    written: progress.written,
    waitWritten: progress.waitWritten,
    drain: progress.drain,
    rebaseWritten: progress.rebase,
    async missingIds(ids) {
      const activityIds = Object.keys(ids);
      let checked = 0;
      let missing = 0;
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < activityIds.length) {
            const activityId = activityIds[next++]!;
            const stored = new Set<string>();
            let pageState: string | undefined;
            do {
              const result = await stack.cassandra.execute("SELECT point_id FROM locations_by_activity WHERE activity_id = ?", [activityId], {
                prepare: true,
                fetchSize: 10_000,
                ...(pageState ? { pageState } : {}),
              });
              for (const row of result.rows) stored.add(String(row.get("point_id")));
              pageState = result.pageState ?? undefined;
            } while (pageState);
            for (const id of ids[activityId]!) {
              checked++;
              if (!stored.has(id)) missing++;
            }
          }
        }),
      );
      return { checked, missing };
    },
    cpu,
    cores: coresBetween,
  };
}
