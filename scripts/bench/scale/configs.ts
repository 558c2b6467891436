/**
 * The configurations bench:scale compares (pure; configs.test.ts). One is written
 * `<instances>x-c<Cassandra nodes>[-k<Kafka brokers>]`: `2x-c3` is two instances of each stateless tier (app
 * servers, upload APIs, writers) over three Cassandra nodes; Kafka has three brokers when Cassandra has three
 * nodes and one otherwise, unless `-k1` or `-k3` says so (`2x-c1-k3`).
 */
export interface ScaleConfig {
  /** As printed: `2x-c3`, with `-k<n>` only when it differs from the default. */
  label: string;
  instances: number;
  cassandraNodes: 1 | 3;
  kafkaBrokers: 1 | 3;
}

const CONFIG = /^(\d+)x-c([13])(?:-k([13]))?$/;
const MAX_INSTANCES = 8; // what the topology lays out (scripts/cluster/topology.ts)

export function parseScaleConfig(text: string): ScaleConfig {
  const match = CONFIG.exec(text.trim().toLowerCase());
  if (!match) throw new Error(`BENCH_SCALE_CONFIGS: "${text}" is not <instances>x-c<1|3>[-k<1|3>] (e.g. 2x-c3)`);
  const instances = Number(match[1]);
  if (instances < 1 || instances > MAX_INSTANCES) throw new Error(`BENCH_SCALE_CONFIGS: "${text}": instances must be 1–${MAX_INSTANCES}`);
  const cassandraNodes = Number(match[2]) as 1 | 3;
  const defaultBrokers = cassandraNodes === 3 ? 3 : 1;
  const kafkaBrokers = (match[3] ? Number(match[3]) : defaultBrokers) as 1 | 3;
  const label = `${instances}x-c${cassandraNodes}${kafkaBrokers === defaultBrokers ? "" : `-k${kafkaBrokers}`}`;
  return { label, instances, cassandraNodes, kafkaBrokers };
}

export function parseScaleConfigs(text: string): ScaleConfig[] {
  const configs = text.split(",").map((s) => s.trim()).filter(Boolean).map(parseScaleConfig);
  if (configs.length === 0) throw new Error("BENCH_SCALE_CONFIGS names no configuration");
  const labels = configs.map((c) => c.label);
  const twice = labels.find((label, i) => labels.indexOf(label) !== i);
  if (twice) throw new Error(`BENCH_SCALE_CONFIGS names ${twice} twice`);
  return configs;
}

export const DEFAULT_CONFIGS = "1x-c1,2x-c1,2x-c3";
