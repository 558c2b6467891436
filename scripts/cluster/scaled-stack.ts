/**
 * The scaled setup, started as one: three Cassandra nodes (keyspace RF 3, LOCAL_QUORUM), three Kafka brokers
 * (topics RF 3, min.insync.replicas 2), Redis (the rate limit every server shares), PostgreSQL (the machine's
 * server, one database), two Location Service writers, two upload API instances, two Next app servers, and
 * HAProxy on one public port sending the two ingest mutations to the upload API and everything else to the
 * app servers, each health-checked on /api/health. `npm run cluster` runs it until Ctrl-C; the fault tests
 * start it on moved ports and take its parts away one by one; bench:scale starts it with one Cassandra node
 * or Kafka broker (RF 1) and one or more instances of each stateless tier, to compare.
 *
 * Every stateless process gets the same environment; none keeps anything a request needs from another
 * (docs/ARCHITECTURE.md, "What each tier keeps"), which is what lets a test kill any one of them.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { startCluster, type Cluster } from "../cassandra/launcher";
import { startHaproxy, type Haproxy } from "../haproxy/launcher";
import { startKafka, type KafkaCluster } from "../kafka/launcher";
import { ensureBuilt } from "../lib/build";
import { formatMs, run, type Environment } from "../lib/processes";
import { ensureDatabase } from "../lib/test-postgres";
import { startRedis, type Redis } from "../redis/launcher";
import { nodeService, type NodeService } from "./node-service";
import type { ClusterTopology } from "./topology";

export interface ScaledStackOptions {
  topology: ClusterTopology;
  /** Cassandra, Kafka, Redis and HAProxy keep their files under here; the processes' logs too. */
  dataDir: string;
  /** The PostgreSQL database (created when missing), the Cassandra keyspace and the Kafka topic prefix. */
  databaseName: string;
  keyspace: string;
  topicPrefix: string;
  authSecret: string;
  /** HAProxy's health-check interval; a dead server is out within twice this (fall 2). Default 1000 ms. */
  checkIntervalMs?: number;
  /** Seed the catalog and the demo runner (default true). */
  seed?: boolean;
  /** Added to every server's environment (e.g. a lifted rate limit for simulated phones). */
  env?: Environment;
  /** JVM max heap per Cassandra node (default 1G). */
  cassandraHeap?: string;
  /** Cassandra nodes (default 3); the keyspace's replication factor is the same. */
  cassandraNodes?: 1 | 3;
  /** Kafka brokers (default 3); the topics' replication factor is the same (min.insync.replicas 2 of 3). */
  kafkaBrokers?: 1 | 3;
  log?: (line: string) => void;
}

export interface ScaledStack {
  /** The public URL (HAProxy), as BETTER_AUTH_URL names it: http://localhost:<public port>. */
  url: string;
  /** The environment every app, upload API and writer process runs with. */
  env: Environment;
  cassandra: Cluster;
  kafka: KafkaCluster;
  redis: Redis;
  haproxy: Haproxy;
  apps: NodeService[];
  uploads: NodeService[];
  writers: NodeService[];
  /** Stops everything it started, front to back. Safe to call twice. */
  stop(): Promise<void>;
}

const TSX = "node_modules/.bin/tsx";

export async function startScaledStack(options: ScaledStackOptions): Promise<ScaledStack> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { topology } = options;
  const cassandraNodes = options.cassandraNodes ?? 3;
  const kafkaBrokers = options.kafkaBrokers ?? 3;
  const logs = path.join(options.dataDir, "logs");
  mkdirSync(logs, { recursive: true });
  const started = Date.now();
  const parts: Partial<ScaledStack> & { services: NodeService[] } = { services: [] };
  let stopped = false;

  async function stop() {
    if (stopped) return;
    stopped = true;
    // Front to back: nothing is routed to a server that is already gone, and no writer loses its stores.
    await parts.haproxy?.stop().catch(() => undefined);
    for (const tier of [parts.apps, parts.uploads, parts.writers]) await Promise.all((tier ?? []).map((s) => s.stop()));
    await parts.redis?.stop().catch(() => undefined);
    await parts.kafka?.stop().catch(() => undefined);
    await parts.cassandra?.stop().catch(() => undefined);
  }

  try {
    const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
    log(`› ${plural(cassandraNodes, "Cassandra node")}, ${plural(kafkaBrokers, "Kafka broker")}, Redis and PostgreSQL`);
    const [cassandra, kafka, redis, databaseUrl] = await Promise.all([
      startCluster({
        nodes: cassandraNodes,
        dataDir: path.join(options.dataDir, "cassandra"),
        nativePort: topology.cassandraPort,
        heap: options.cassandraHeap ?? "1G",
        // Three nodes, three brokers and six Node servers share the machine's cores: a node SIGKILLed under load
        // was seen (session 8, 2 cores at 97 % CPU pressure) to take 155 s to answer CQL again — its JVM stalled
        // 85 s ("local pause" in its log), commit-log replay of 342 mutations took 25 s — where 20–40 s was
        // usual, and then to pass the 180 s default before its peers' nodetool answered. A start or restart that
        // is slow is no fault result; the scenarios report how long it took.
        timeoutMs: 360_000,
        log: (line) => log(`  cassandra: ${line}`),
      }),
      startKafka({ dataDir: path.join(options.dataDir, "kafka"), brokers: kafkaBrokers, port: topology.kafkaPort, log: (line) => log(`  kafka: ${line}`) }),
      startRedis({ port: topology.redisPort, dataDir: path.join(options.dataDir, "redis"), log: (line) => log(`  redis: ${line}`) }),
      ensureDatabase(options.databaseName),
    ]);
    Object.assign(parts, { cassandra, kafka, redis });
    log(`› stores ready in ${formatMs(Date.now() - started)}`);

    const env: Environment = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      CASSANDRA_CONTACT_POINTS: cassandra.contactPoints.join(","),
      CASSANDRA_LOCAL_DC: cassandra.localDataCenter,
      CASSANDRA_KEYSPACE: options.keyspace,
      CASSANDRA_REPLICATION_FACTOR: String(cassandraNodes),
      KAFKA_BROKERS: kafka.bootstrapServers.join(","),
      KAFKA_REPLICATION_FACTOR: String(kafkaBrokers),
      KAFKA_TOPIC_PREFIX: options.topicPrefix,
      REDIS_URL: redis.url,
      BETTER_AUTH_URL: `http://localhost:${topology.publicPort}`,
      BETTER_AUTH_SECRET: options.authSecret,
      LOCATION_SERVICE: "off",
      SHOW_DEMO_ACCOUNT: process.env.SHOW_DEMO_ACCOUNT ?? "1",
      ...options.env,
    };
    const scripts = ["scripts/migrate.ts", ...(options.seed === false ? [] : ["scripts/seed.ts", "scripts/seed-demo.ts"])];
    for (const script of scripts) {
      const code = await run(TSX, [script], env);
      if (code !== 0) throw new Error(`${script} failed (exit ${code})`);
    }
    await ensureBuilt(env);

    const service = (name: string, command: string, args: string[], extra: Environment, readyUrl: string) => {
      const created = nodeService({ name, command, args, env: { ...env, ...extra }, logFile: path.join(logs, `${name}.log`), readyUrl });
      parts.services.push(created);
      return created;
    };
    const writers = topology.writerMetricsPorts.map((port, i) =>
      service(`writer${i + 1}`, TSX, ["scripts/worker.ts"], { LOCATION_SERVICE_PORT: String(port) }, `http://127.0.0.1:${port}/health`),
    );
    const uploads = topology.uploadPorts.map((port, i) =>
      service(`upload${i + 1}`, TSX, ["scripts/upload-api.ts"], { UPLOAD_API_PORT: String(port), UPLOAD_API_HOST: "127.0.0.1" }, `http://127.0.0.1:${port}/api/health`),
    );
    const apps = topology.appPorts.map((port, i) =>
      service(`app${i + 1}`, "node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {}, `http://127.0.0.1:${port}/api/health`),
    );
    Object.assign(parts, { writers, uploads, apps });
    for (const [tier, services] of [["writers", writers], ["upload APIs", uploads], ["app servers", apps]] as const) {
      const tierStart = Date.now();
      await Promise.all(services.map((s) => s.start()));
      log(`› ${services.length} ${tier} up in ${formatMs(Date.now() - tierStart)} (logs: ${path.relative(process.cwd(), logs)}/)`);
    }

    const haproxy = await startHaproxy({
      runDir: path.join(options.dataDir, "haproxy"),
      port: topology.publicPort,
      appServers: apps.map((s, i) => ({ name: s.name, host: "127.0.0.1", port: topology.appPorts[i]! })),
      uploadServers: uploads.map((s, i) => ({ name: s.name, host: "127.0.0.1", port: topology.uploadPorts[i]! })),
      checkIntervalMs: options.checkIntervalMs ?? 1000,
      statsPort: topology.haproxyStatsPort,
      log: (line) => log(`  haproxy: ${line}`),
    });
    parts.haproxy = haproxy;
    // Servers come up "UP 1/2" until their first check passes: wait until HAProxy would route to each.
    for (const s of [...apps, ...uploads]) await haproxy.waitForStatus(`${apps.includes(s) ? "app" : "upload"}/${s.name}`, "UP", 15_000);
    log(`› scaled setup ready in ${formatMs(Date.now() - started)}`);
    return { url: env.BETTER_AUTH_URL!, env, cassandra, kafka, redis, haproxy, apps, uploads, writers, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
