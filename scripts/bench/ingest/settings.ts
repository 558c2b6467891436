/** The benchmark's settings, from the environment (ingest.ts's header describes each). */
import { POINT_UPLOAD_INTERVAL_MS } from "@/app/_lib/outbox/cadence";

const env = process.env;
const list = (value: string | undefined, fallback: string) => (value ?? fallback).split(",").map((s) => s.trim()).filter(Boolean);

export const PARTS = ["closed", "next", "cadence", "outage", "late"] as const;
export type Part = (typeof PARTS)[number];

const skip = new Set(list(env.BENCH_SKIP, ""));
for (const part of skip) {
  if (!(PARTS as readonly string[]).includes(part)) throw new Error(`BENCH_SKIP: unknown part "${part}" (parts: ${PARTS.join(", ")})`);
}

export const settings = {
  measureMs: Number(env.BENCH_SECONDS ?? 30) * 1000,
  warmUpMs: POINT_UPLOAD_INTERVAL_MS,
  firstRunners: Number(env.BENCH_RUNNERS ?? 250),
  maxRunners: Number(env.BENCH_MAX_RUNNERS ?? 32_000),
  /** Measured as a level of its own when the doubling passes it: the issue's target. */
  targetRunners: 20_000,
  closedLevels: list(env.BENCH_CLOSED_LEVELS, "16").map(Number),
  closedBatches: list(env.BENCH_CLOSED_BATCHES, "20,200").map(Number),
  connections: Number(env.BENCH_CONNECTIONS ?? 256),
  writers: Number(env.BENCH_WRITERS ?? 1),
  generatorThreads: Number(env.BENCH_GENERATOR_THREADS ?? 1),
  outageRunners: Number(env.BENCH_OUTAGE_RUNNERS ?? 2_000),
  outageMs: Number(env.BENCH_OUTAGE_SECONDS ?? 60) * 1000,
  /** Load before the node is stopped. */
  outageLeadMs: 20_000,
  cpuProfileDir: env.BENCH_CPU_PROFILE,
  skip: (part: Part) => skip.has(part),
  ports: { cassandra: 9542, kafka: 9692, app: 3600, uploadApi: 3601, writerBase: 3610 },
};

export function describeSettings(): string {
  const s = settings;
  const parts = PARTS.filter((part) => !s.skip(part));
  return [
    `parts: ${parts.join(", ")}${skip.size ? ` (BENCH_SKIP=${[...skip].join(",")})` : ""}`,
    `BENCH_SECONDS=${s.measureMs / 1000} (measured per phase, after ${s.warmUpMs / 1000} s of warm-up at cadence)`,
    `BENCH_CLOSED_BATCHES=${s.closedBatches.join(",")}  BENCH_CLOSED_LEVELS=${s.closedLevels.join(",")} (concurrent closed loops)`,
    `BENCH_RUNNERS=${s.firstRunners}  BENCH_MAX_RUNNERS=${s.maxRunners} (doubling; ${s.targetRunners} measured too)`,
    `BENCH_CONNECTIONS=${s.connections}  BENCH_GENERATOR_THREADS=${s.generatorThreads}  BENCH_WRITERS=${s.writers}`,
    `BENCH_OUTAGE_RUNNERS=${s.outageRunners}  BENCH_OUTAGE_SECONDS=${s.outageMs / 1000} (Cassandra stopped after ${s.outageLeadMs / 1000} s)`,
    `BENCH_CPU_PROFILE=${s.cpuProfileDir ?? "(off)"}`,
    `ports: Cassandra ${s.ports.cassandra}, Kafka ${s.ports.kafka}, app ${s.ports.app}, upload API ${s.ports.uploadApi}, writer metrics ${s.ports.writerBase}+`,
  ].join("\n");
}
