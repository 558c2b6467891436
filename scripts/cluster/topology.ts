/**
 * Where every process of the scaled setup listens (pure; topology.test.ts). One public port (HAProxy) in
 * front of two Next app servers and two upload API instances; two Location Service writers (their metrics
 * ports); three Cassandra nodes and three Kafka brokers on 127.0.0.1–3 (one port each, an address per node);
 * Redis for the shared rate limit. `npm run cluster` uses the defaults; a fault test moves the whole set by
 * an offset so it never meets a cluster a developer left running.
 */

export interface ClusterTopology {
  publicPort: number;
  appPorts: number[];
  uploadPorts: number[];
  writerMetricsPorts: number[];
  cassandraPort: number;
  kafkaPort: number;
  redisPort: number;
  haproxyStatsPort: number;
}

export interface TopologyOptions {
  /** Added to every default port (0 for `npm run cluster`). */
  offset?: number;
  /** Instances of each stateless tier (default 2). */
  instances?: number;
}

export function clusterTopology(options: TopologyOptions = {}): ClusterTopology {
  const offset = options.offset ?? 0;
  const instances = options.instances ?? 2;
  if (!Number.isInteger(instances) || instances < 1 || instances > 8) throw new Error(`instances must be 1–8, not ${instances}`);
  const range = (base: number) => Array.from({ length: instances }, (_, i) => base + offset + i);
  return {
    publicPort: 3000 + offset,
    appPorts: range(3010),
    uploadPorts: range(3020),
    writerMetricsPorts: range(9464),
    cassandraPort: 9042 + offset,
    kafkaPort: 9092 + offset,
    redisPort: 6390 + offset,
    haproxyStatsPort: 8404 + offset,
  };
}

/** Every TCP port on 127.0.0.1 the topology needs (Kafka's controller port is the client port + 1). */
export function topologyPorts(topology: ClusterTopology): number[] {
  return [
    topology.publicPort,
    ...topology.appPorts,
    ...topology.uploadPorts,
    ...topology.writerMetricsPorts,
    topology.cassandraPort,
    topology.kafkaPort,
    topology.kafkaPort + 1,
    topology.redisPort,
    topology.haproxyStatsPort,
  ];
}
