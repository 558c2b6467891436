/**
 * What every part of the benchmark shares: the stack, the phones, the runners, and the three questions asked
 * after each load: how much CPU did each process use, has the writer written everything acknowledged so far
 * (the Location Service's `location_service_points_written_total` against the points the phones had
 * acknowledged), and is every acknowledged point id in Cassandra.
 */
import { randomUUID } from "node:crypto";
import { stableUuid } from "@/server/db/seed-catalog";
import type { BenchStack } from "../lib/bench-stack";
import { cpuMs, cpuMsByName, machineCpuMs } from "../lib/proc-cpu";
import { CLOSED_LOOP_WINDOW_MS, clock, type BenchRunner } from "./load";
import { scrapeWriters, total, type Scrape } from "./metrics";
import type { Phones } from "./phones";

export const COURSE_ID = stableUuid("course:30-minute-run-challenge-w1s1");
/** Every bench run starts before the closed loop's window of point times (load.ts). */
export const RUNS_STARTED_AT = Date.now() - CLOSED_LOOP_WINDOW_MS - 3600_000;

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

export interface CpuSnapshot {
  at: number;
  ms: Record<Role, number>;
}

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
  const metricsUrls = stack.writers.map((writer) => writer.metricsUrl);
  const scrape = () => scrapeWriters(metricsUrls);
  const writtenTotal = async (s?: Scrape) => total(s ?? (await scrape()), "location_service_points_written_total");
  let writtenBase = await writtenTotal();
  const acknowledged = { points: 0 };
  let created = 0;
  const cadencePool: BenchRunner[] = [];

  async function newRunners(count: number): Promise<BenchRunner[]> {
    const runners: BenchRunner[] = [];
    const add = async () => {
      const cookie = cookies[created++ % cookies.length]!;
      const activityId = randomUUID();
      const start = { id: randomUUID(), activityId, seq: 1, at: RUNS_STARTED_AT, type: "start", courseId: COURSE_ID };
      const response = await stack.trpcPost("activities.syncEvents", cookie, { activityId, events: [start] }, uploadUrl);
      if (!response.ok) throw new Error(`start failed: ${response.status} ${await response.text()}`);
      runners.push({ cookie, activityId, startedAt: RUNS_STARTED_AT });
    };
    while (runners.length < count) await Promise.all(Array.from({ length: Math.min(32, count - runners.length) }, add));
    return runners;
  }

  const written = async (s?: Scrape) => (await writtenTotal(s)) - writtenBase;

  async function waitWritten(points: number, timeoutMs: number): Promise<number | null> {
    const deadline = clock() + timeoutMs;
    while (clock() < deadline) {
      const at = clock();
      if ((await written()) >= points) return at;
      await sleep(50);
    }
    return null;
  }

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
    newRunners,
    async cadenceRunners(count) {
      if (cadencePool.length < count) cadencePool.push(...(await newRunners(count - cadencePool.length)));
      return cadencePool.slice(0, count);
    },
    acknowledged,
    scrape,
    written,
    waitWritten,
    drain: async (timeoutMs) => (await waitWritten(acknowledged.points, timeoutMs)) !== null,
    async rebaseWritten() {
      writtenBase = (await writtenTotal()) - acknowledged.points;
    },
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
    cores(from, to) {
      const wall = to.at - from.at;
      return Object.fromEntries(ROLES.map((role) => [role, (to.ms[role] - from.ms[role]) / wall])) as Record<Role, number>;
    },
  };
}
