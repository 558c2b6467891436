/** One broker JVM: spawn it (with its watchdog), wait until it answers Metadata with all brokers, stop or kill it. */
import type { ChildProcess } from 'node:child_process';
import fsp from 'node:fs/promises';
import { fileSize } from '../lib/jvm/log-tail';
import { isProcessWithArgs, readPid, removePidFileOf } from '../lib/jvm/pid-files';
import { portFree } from '../lib/jvm/ports';
import { spawnServer } from '../lib/jvm/spawn-server';
import { stopServer } from '../lib/jvm/stop-server';
import { waitServerReady } from '../lib/jvm/wait-ready';
import { killJvm } from '../lib/jvm/watchdog';
import { brokerJvmArgs, type BrokerSpec } from './config';
import { writeBrokerState, type BrokerPaths } from './layout';
import { brokersSeenBy } from './metadata';

/** Lines in the JVM output that mean start-up has failed for good. */
const FATAL_PATTERNS: readonly RegExp[] = [
  /Exiting Kafka due to fatal exception/,
  /Fatal error during \S+ startup/,
  /InconsistentClusterIdException/,
  /Error occurred during initialization of VM/,
  /Could not find or load main class/,
];
/** Our log4j2 pattern is Kafka's own: `[date] LEVEL message (logger)`. */
const isErrorLine = (line: string): boolean => /^\[[^\]]*\] (ERROR|FATAL) /.test(line);

export interface KafkaBroker {
  nodeId: number;
  host: string;
  port: number;
  controllerPort: number;
  /** The JVM's pid (changes on restart). */
  pid: number;
  /** broker<N> dir inside the data dir. */
  dir: string;
  serverLog: string;
  /** Already running when startKafka was called (adopted, not started by it). */
  reused: boolean;
  /** Spawn → ready, for the last (re)start by this process (0 for adopted brokers). */
  startupMs: number;
}

export interface RunningBroker {
  info: KafkaBroker;
  paths: BrokerPaths;
  child: ChildProcess | null;
  watchdog: ChildProcess | null;
  /** Where this start's output begins in server.log / console.log. */
  offsets: { server: number; console: number };
  /** Date.now() at spawn (0 for adopted brokers). */
  spawnedAt: number;
}

/** Is `pid` the Kafka JVM of exactly this broker dir? (Guards against pid reuse.) */
export function isOurBroker(pid: number, paths: BrokerPaths): boolean {
  return isProcessWithArgs(pid, ['kafka.Kafka', paths.properties]);
}

/** A broker of this dir that is already running (pid file names a live Kafka JVM for it), or null. */
export async function adoptBroker(spec: BrokerSpec, paths: BrokerPaths): Promise<RunningBroker | null> {
  const pid = readPid(paths.pidFile);
  if (pid === null) return null;
  if (!isOurBroker(pid, paths)) {
    await fsp.rm(paths.pidFile, { force: true }); // stale
    return null;
  }
  return {
    info: { ...spec, pid, dir: paths.dir, serverLog: paths.serverLog, reused: true, startupMs: 0 },
    paths,
    child: null,
    watchdog: null,
    offsets: { server: await fileSize(paths.serverLog), console: await fileSize(paths.consoleLog) },
    spawnedAt: 0,
  };
}

export interface SpawnOptions {
  java: string;
  libDir: string;
  heap: { xms: number; xmx: number };
  detach: boolean;
  clusterId: string;
  version: string;
}

/** Starts the JVM of one broker whose config is written and whose log dir is formatted. */
export async function spawnBroker(spec: BrokerSpec, paths: BrokerPaths, o: SpawnOptions): Promise<RunningBroker> {
  for (const [port, what] of [
    [spec.port, 'client'],
    [spec.controllerPort, 'controller'],
  ] as const) {
    if (!(await portFree(spec.host, port))) {
      throw new Error(`broker${spec.nodeId}: ${what} port ${spec.host}:${port} is already in use by another process`);
    }
  }
  await fsp.mkdir(paths.logs, { recursive: true });
  const offsets = { server: await fileSize(paths.serverLog), console: await fileSize(paths.consoleLog) };
  const args = brokerJvmArgs({
    libDir: o.libDir,
    heap: o.heap,
    logsDir: paths.logs,
    log4j2File: paths.log4j2,
    propertiesFile: paths.properties,
  });
  const t0 = Date.now();
  const { pid, child, watchdog } = await spawnServer({
    java: o.java,
    args,
    cwd: paths.dir,
    consoleLog: paths.consoleLog,
    banner: `starting Kafka ${o.version} broker${spec.nodeId} (${spec.host})`,
    pidFile: paths.pidFile,
    watchdog: o.detach ? null : 'kafka-watchdog',
  });
  await writeBrokerState(paths, {
    ...spec,
    clusterId: o.clusterId,
    version: o.version,
    libDir: o.libDir,
    java: o.java,
    detached: o.detach,
    startedAt: new Date(t0).toISOString(),
  });
  return {
    info: { ...spec, pid, dir: paths.dir, serverLog: paths.serverLog, reused: false, startupMs: 0 },
    paths,
    child,
    watchdog,
    offsets,
    spawnedAt: t0,
  };
}

/**
 * Resolves once the broker's client port accepts TCP and its Metadata response lists `expectBrokers` brokers.
 * Rejects early (with the log's last lines) if the JVM exits or logs a fatal line, or at `deadline`.
 */
export async function waitBrokerReady(
  b: RunningBroker,
  expectBrokers: number,
  deadline: number,
  signal?: AbortSignal,
): Promise<void> {
  const { info, paths } = b;
  let seen: number[] | null = null;
  await waitServerReady({
    name: `broker${info.nodeId}`,
    host: info.host,
    port: info.port,
    pid: info.pid,
    child: b.child,
    serverLog: { path: paths.serverLog, offset: b.offsets.server },
    consoleLog: { path: paths.consoleLog, offset: b.offsets.console },
    tailLines: { server: 25, console: 10 },
    fatal: FATAL_PATTERNS,
    isErrorLine,
    probe: async () => {
      seen = await brokersSeenBy(`${info.host}:${info.port}`);
      return seen && seen.length >= expectBrokers ? seen : null;
    },
    timedOut: () => {
      const state = seen ? `it lists broker(s) ${seen.join(',') || 'none'} of ${expectBrokers}` : 'no Metadata answer';
      return `timed out (${state})`;
    },
    deadline,
    signal,
  });
}

/** SIGTERM (Kafka then does a controlled shutdown), SIGKILL after timeoutMs; removes the pid file. */
export async function stopBroker(b: RunningBroker, timeoutMs: number, log: (line: string) => void): Promise<void> {
  const server = { name: `broker${b.info.nodeId}`, pid: b.info.pid, pidFile: b.paths.pidFile };
  await stopServer({ ...server, child: b.child, watchdog: b.watchdog }, timeoutMs, log);
}

/** SIGKILL at once, as a crash would: no controlled shutdown. */
export async function killBroker(b: RunningBroker): Promise<void> {
  await killJvm({ pid: b.info.pid, child: b.child, watchdog: b.watchdog });
  await removePidFileOf(b.paths.pidFile, b.info.pid);
}
