/** bench:scale's settings, from the environment (scale.ts's header describes each). */
import { POINT_UPLOAD_INTERVAL_MS } from "@/app/_lib/outbox/cadence";
import { DEFAULT_CONFIGS, parseScaleConfigs } from "./configs";

const env = process.env;
const positive = (name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got ${env[name]})`);
  return value;
};

export const settings = {
  configs: parseScaleConfigs(env.BENCH_SCALE_CONFIGS ?? DEFAULT_CONFIGS),
  measureMs: positive("BENCH_SECONDS", 30) * 1000,
  warmUpMs: POINT_UPLOAD_INTERVAL_MS,
  firstRunners: positive("BENCH_RUNNERS", 2_000),
  maxRunners: positive("BENCH_MAX_RUNNERS", 64_000),
  connections: positive("BENCH_CONNECTIONS", 256),
  generatorThreads: positive("BENCH_GENERATOR_THREADS", 1),
  /** Before the first level (settle.ts): at rest until the machine is under this many cores, for at most settleMaxMs… */
  quietCores: 0.5,
  settleMaxMs: 120_000,
  /** …then the first level's runners this long, unmeasured. */
  firstWarmUpMs: positive("BENCH_FIRST_WARMUP_SECONDS", 60) * 1000,
  /** The latency a level must stay under to count as sustained in the summary. */
  p99LimitMs: 100,
  /**
   * Every port moved by 1000 (public 4000, apps 4010+, upload APIs 4020+, writer metrics 10464+, CQL 10042 with
   * storage 8000 and JMX 8199–8201, Kafka 10092/10093, Redis 7390, HAProxy stats 9404): clear of `npm run cluster`
   * (0), npm test (3100, 9142), the fault tests (700) and bench:ingest (9542) / bench:pages (9642).
   */
  portOffset: 1000,
};

export function describeSettings(): string {
  const s = settings;
  return [
    `BENCH_SCALE_CONFIGS=${s.configs.map((c) => c.label).join(",")} (<instances>x-c<Cassandra nodes>[-k<Kafka brokers>]; Kafka 3 with 3 Cassandra nodes, else 1)`,
    `BENCH_SECONDS=${s.measureMs / 1000} (measured per level, after ${s.warmUpMs / 1000} s of warm-up; before the first, BENCH_FIRST_WARMUP_SECONDS=${s.firstWarmUpMs / 1000})  BENCH_RUNNERS=${s.firstRunners}  BENCH_MAX_RUNNERS=${s.maxRunners} (doubling)`,
    `BENCH_CONNECTIONS=${s.connections} (phones → HAProxy)  BENCH_GENERATOR_THREADS=${s.generatorThreads}  ports moved by ${s.portOffset}`,
  ].join("\n");
}
