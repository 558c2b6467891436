/**
 * Runs real Apache Kafka 4 brokers (KRaft, each broker also a controller) without Docker: 1 broker on
 * 127.0.0.1:<port>, or 3 on 127.0.0.1–3:<port>, controllers on <port + 1>. See README.md next to this file.
 *
 * Lifetime, as in scripts/cassandra: each JVM runs in its own process group and, unless `detach`, gets a watchdog
 * that stops it when this Node process ends in any way (SIGKILL included). Brokers of the data dir that already
 * run are adopted instead of started again; `stop()` stops only what this call (or a later restart) started.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { sleep } from '../lib/jvm/pid-files';
import {
  adoptBroker,
  isOurBroker,
  killBroker,
  spawnBroker,
  stopBroker,
  waitBrokerReady,
  type KafkaBroker,
  type RunningBroker,
  type SpawnOptions,
} from './broker';
import { DEFAULT_STOP_TIMEOUT_MS } from './control';
import { brokerSpecs, heapSettings, log4j2Xml, serverProperties, type BrokerCount } from './config';
import { defaultLog, ensureKafkaInstalled, findKafkaJava, kafkaVersion, type InstallOptions } from './install';
import { brokerPaths } from './layout';
import { partitionsOutOfSync } from './metadata';
import { checkClusterFile, createClusterFile, ensureFormatted } from './storage';

export { kafkaStatus, stopKafka, type BrokerStatus } from './control';
export { defaultCacheDir, ensureKafkaInstalled, kafkaVersion } from './install';
export { describeTopics, type TopicSummary } from './metadata';
export type { KafkaBroker };

const DEFAULT_PORT = 9092;
const DEFAULT_START_TIMEOUT_MS = 120_000;

export interface StartKafkaOptions extends InstallOptions {
  /** Each broker gets <dataDir>/broker<N>/… (relative paths are resolved against the cwd). */
  dataDir: string;
  brokers?: BrokerCount;
  /** Client port of every broker (default 9092); the controller listens on port + 1. */
  port?: number;
  log?: (line: string) => void;
  /** Max heap per broker in MB (default $KAFKA_HEAP_MB or 512; initial heap min(256, this)). */
  heapMb?: number;
  /** Until every broker is ready (default 120 000 ms). */
  startTimeoutMs?: number;
  /** Leave the brokers running after this process exits (no watchdog). Default false. */
  detach?: boolean;
  javaHome?: string;
}

export interface KafkaCluster {
  /** "host:port" of every broker. */
  bootstrapServers: string[];
  clusterId: string;
  dataDir: string;
  version: string;
  /** Live view: pid and startupMs change on restart. */
  brokers: KafkaBroker[];
  /** Stops the brokers this cluster object started (SIGTERM, SIGKILL after 60 s). Adopted brokers keep running. */
  stop(): Promise<void>;
  /** SIGKILLs brokers[index] (0-based), as a crash would. For fault tests. */
  kill(index: number): Promise<void>;
  /**
   * Starts brokers[index] again (stopping it first if it runs); resolves once the cluster lists it and it is back
   * in the ISR of every partition it replicates.
   */
  restart(index: number): Promise<void>;
}

/** Starts (or adopts) 1 or 3 brokers and resolves once each answers Metadata listing all of them. */
export async function startKafka(opts: StartKafkaOptions): Promise<KafkaCluster> {
  const log = opts.log ?? defaultLog;
  const count = opts.brokers ?? 1;
  if (count !== 1 && count !== 3) throw new Error(`brokers must be 1 or 3 (got ${String(count)})`);
  const port = opts.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65534) throw new Error(`bad port ${port}`);
  const dataDir = path.resolve(opts.dataDir);
  const timeoutMs = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const version = kafkaVersion();
  const heap = heapSettings(opts.heapMb, process.env.KAFKA_HEAP_MB);

  const libDir = await ensureKafkaInstalled({ ...opts, log });
  const java = findKafkaJava(opts.javaHome);
  const specs = brokerSpecs(count, port);
  const existing = checkClusterFile(dataDir, { brokers: count, port });
  for (const s of specs) {
    const p = brokerPaths(dataDir, s.nodeId);
    await fsp.mkdir(p.logs, { recursive: true });
    await fsp.writeFile(p.properties, serverProperties(s, specs, p.logDir));
    await fsp.writeFile(p.log4j2, log4j2Xml(p.logs));
  }
  const tools = { java: java.bin, libDir };
  // StorageTool logs through broker1's log4j2.xml (into its server.log) when it makes the ids
  const idTools = { ...tools, log4j2: brokerPaths(dataDir, 1).log4j2 };
  const cluster = existing ?? (await createClusterFile(dataDir, { brokers: count, port, version }, idTools));
  await ensureFormatted(dataDir, cluster, specs, tools, log);

  const detach = opts.detach ?? false;
  const spawnOpts: SpawnOptions = { ...tools, heap, detach, clusterId: cluster.clusterId, version };
  const running: RunningBroker[] = [];
  const abort = new AbortController();
  const ready = async (b: RunningBroker, deadline: number): Promise<void> => {
    await waitBrokerReady(b, count, deadline, abort.signal).catch((err: Error) => {
      if (!b.info.reused) throw err;
      const stop = `npm run kafka -- stop --data-dir ${dataDir}`;
      throw new Error(`${err.message}\n(broker${b.info.nodeId} pid ${b.info.pid} was already running; stop it: ${stop})`);
    });
    if (b.spawnedAt) b.info.startupMs = Date.now() - b.spawnedAt;
    const how = b.info.reused ? 'already running, reused' : `up in ${(b.info.startupMs / 1000).toFixed(1)} s`;
    log(`broker${b.info.nodeId}: ${how} (pid ${b.info.pid}, ${b.info.host}:${b.info.port})`);
  };
  const stopOwned = (list: RunningBroker[]): Promise<unknown> =>
    Promise.all(list.filter((b) => b.child).map((b) => stopBroker(b, DEFAULT_STOP_TIMEOUT_MS, log)));

  try {
    for (const s of specs) {
      const p = brokerPaths(dataDir, s.nodeId);
      const adopted = await adoptBroker(s, p);
      if (!adopted) {
        const where = `${s.host}:${s.port} (controller ${s.controllerPort}, heap ${heap.xms}–${heap.xmx} MB)`;
        log(`broker${s.nodeId}: starting Kafka ${version} on ${where}…`);
      }
      running.push(adopted ?? (await spawnBroker(s, p, spawnOpts)));
    }
    // all at once: a 3-node quorum elects no leader, and so registers no broker, until 2 controllers run
    const deadline = Date.now() + timeoutMs;
    await Promise.all(running.map((b) => ready(b, deadline)));
  } catch (err) {
    abort.abort();
    await stopOwned(running);
    throw err;
  }

  const at = (index: number): RunningBroker => {
    const b = running[index];
    if (!b) throw new RangeError(`no broker at index ${index} (0–${running.length - 1})`);
    return b;
  };
  let stopped = false;
  const bootstrapServers = specs.map((s) => `${s.host}:${s.port}`);
  return {
    bootstrapServers,
    clusterId: cluster.clusterId,
    dataDir,
    version,
    brokers: running.map((b) => b.info),
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopOwned(running);
    },
    async kill(index) {
      const b = at(index);
      await killBroker(b);
      log(`broker${b.info.nodeId}: killed (SIGKILL, pid ${b.info.pid})`);
    },
    async restart(index) {
      const b = at(index);
      if (isOurBroker(b.info.pid, b.paths)) await stopBroker(b, DEFAULT_STOP_TIMEOUT_MS, log);
      const { nodeId, host, port: clientPort, controllerPort } = b.info;
      log(`broker${nodeId}: restarting…`);
      const fresh = await spawnBroker({ nodeId, host, port: clientPort, controllerPort }, b.paths, spawnOpts);
      Object.assign(b.info, fresh.info); // keep the object callers hold in `brokers`
      Object.assign(b, { ...fresh, info: b.info });
      const deadline = Date.now() + timeoutMs;
      await ready(b, deadline);
      // a fault test goes on to kill another broker next: first let this one rejoin every ISR it belongs to
      for (let behind = await partitionsOutOfSync(bootstrapServers, nodeId); behind !== 0; ) {
        if (Date.now() > deadline) throw new Error(`broker${nodeId}: ${behind ?? '?'} partition(s) still not in sync`);
        await sleep(250);
        behind = await partitionsOutOfSync(bootstrapServers, nodeId);
      }
      log(`broker${nodeId}: back in sync on all its partitions`);
    },
  };
}
