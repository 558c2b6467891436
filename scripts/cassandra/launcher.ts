/**
 * Runs the real Apache Cassandra 5.0 server without Docker.
 *
 * - `ensureCassandraInstalled()` copies cassandra-all and its runtime dependencies from Maven Central
 *   (via scripts/cassandra/pom.xml) into a per-machine cache, once.
 * - `startCluster()` starts 1–3 local nodes (node N on 127.0.0.N), each a plain `java` process.
 * - `stopCluster()` stops the nodes of a data dir from any process (via pid files).
 *
 * Layout of a data dir (absolute path given by the caller):
 *   <dataDir>/node<N>/{data,commitlog,hints,saved_caches,cdc_raw,logs,conf}
 *   <dataDir>/node<N>/cassandra.pid   pid of the JVM (written by us right after spawn)
 *   <dataDir>/node<N>/node.json       ports/addresses of that node (read by `status`, `nodetool`, reuse)
 *   <dataDir>/node<N>/logs/system.log INFO+ (logback, rolled at 20 MB)
 *   <dataDir>/node<N>/logs/console.log stdout/stderr of the JVM (WARN+ and JVM errors)
 *
 * Ports: every node of a cluster uses the same native port and storage port on its own loopback address
 * (127.0.0.N), like ccm. JMX is always bound by Cassandra to 127.0.0.1, so node N uses jmxPortBase + N - 1.
 * When only `nativePort` is given, the other ports shift with it: storagePort = 7000 + (nativePort - 9042),
 * jmxPortBase = 7199 + (nativePort - 9042). So `nativePort: 9142` alone gives storage 7100 and JMX 7299–7301;
 * clusters that run side by side should be at least 3 ports apart (100 apart is tidy).
 *
 * Lifetime of the JVMs:
 * - default (`detach: false`): each JVM runs in its own process group (so a terminal Ctrl-C reaches only the
 *   Node process, whose handler should call `cluster.stop()`), and a tiny `sh` watchdog per node, whose stdin is
 *   a pipe from this Node process, sends SIGTERM (then SIGKILL after 60 s) to the JVM as soon as this process
 *   exits for any reason, SIGKILL included. The JVMs therefore never outlive the process that started them.
 * - `detach: true`: no watchdog; the nodes keep running after this process exits. Stop them with
 *   `stopCluster(dataDir)` (or `tsx scripts/cassandra/cli.ts stop`).
 * Neither mode keeps the Node event loop alive: the caller decides how long to live.
 *
 * Reuse: if a node's pid file names a live Cassandra process for that same node dir, it is adopted (we wait
 * until its CQL port answers) instead of starting another. `Cluster.stop()` stops only the nodes that this call
 * started; adopted nodes are left running (use `stopCluster(dataDir)` to stop everything).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import cassandra from 'cassandra-driver';
import { findJava as findJavaRuntime, type JavaInfo } from '../lib/jvm/java';
import { fatalScanner, fileSize, firstError, startFailure } from '../lib/jvm/log-tail';
import {
  ensureMavenLib,
  readPomProperty,
  runcoachCacheDir,
  type InstallOptions as MavenInstallOptions,
} from '../lib/jvm/maven-classpath';
import { isAlive, isProcessWithArgs, readPid, sleep, terminate } from '../lib/jvm/pid-files';
import { portFree, tcpAnswers } from '../lib/jvm/ports';
import { spawnWatchdog, stopJvm } from '../lib/jvm/watchdog';

export { isAlive, type JavaInfo };

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The fetch-only POM; its `cassandra.version` property is the single source of the version. */
export const POM_PATH = path.join(HERE, 'pom.xml');

export const LOCAL_DATA_CENTER = 'datacenter1' as const;
const DEFAULT_NATIVE_PORT = 9042;
const DEFAULT_STORAGE_PORT = 7000;
const DEFAULT_JMX_PORT = 7199;
const DEFAULT_START_TIMEOUT_MS = 180_000;
const DEFAULT_STOP_TIMEOUT_MS = 60_000;

/** Lines in the JVM output that mean start-up has failed for good. */
const FATAL_PATTERNS: readonly RegExp[] = [
  /Exception encountered during startup/,
  /Fatal exception during initialization/,
  /Fatal configuration error/,
  /Failed to bind port/,
  /Unable to bind to address/,
  /Error occurred during initialization of VM/,
  /Could not find or load main class/,
  /Error opening zip file or JAR manifest missing/,
];

export type LogFn = (line: string) => void;
const defaultLog: LogFn = (line) => console.log(`[cassandra] ${line}`);

// ---------------------------------------------------------------------------------------------------------------
// Install (fetch jars from Maven Central)
// ---------------------------------------------------------------------------------------------------------------

let cachedVersion: string | undefined;

/** The Cassandra version pinned in scripts/cassandra/pom.xml. */
export function cassandraVersion(): string {
  cachedVersion ??= readPomProperty(POM_PATH, 'cassandra.version');
  return cachedVersion;
}

/** `${XDG_CACHE_HOME:-$HOME/.cache}/runcoach/cassandra-<version>` — shared by every clone on this machine. */
export function defaultCacheDir(version: string = cassandraVersion()): string {
  return runcoachCacheDir('cassandra', version);
}

export interface InstallOptions extends MavenInstallOptions {
  log?: LogFn;
}

/**
 * Makes sure the Cassandra jars are in the cache and returns the lib dir (`<cacheDir>/lib`).
 * The first call on a machine runs Maven (copy-dependencies, runtime scope); a marker file is written only after
 * a complete copy, so an interrupted fetch is redone next time.
 */
export async function ensureCassandraInstalled(opts: InstallOptions = {}): Promise<string> {
  const version = cassandraVersion();
  return ensureMavenLib(
    {
      product: 'Cassandra',
      version,
      pomPath: POM_PATH,
      cacheDir: opts.cacheDir ?? defaultCacheDir(version),
      mainJar: `cassandra-all-${version}.jar`,
      missing: (jars) => (jars.some((j) => /^jamm-.*\.jar$/.test(j)) ? null : 'jamm-*.jar'),
    },
    { ...opts, log: opts.log ?? defaultLog },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Java
// ---------------------------------------------------------------------------------------------------------------

/**
 * Finds a Java 17 (preferred) or 11 runtime: `javaHome`, $CASSANDRA_JAVA_HOME, $JAVA_HOME, `java` on PATH,
 * then /usr/lib/jvm/*. Cassandra 5.0 supports only 11 and 17 (and needs extra flags on 18+).
 */
export function findJava(javaHome?: string): JavaInfo {
  return findJavaRuntime({
    javaHome,
    homeEnv: ['CASSANDRA_JAVA_HOME', 'JAVA_HOME'],
    accepts: (m) => m === 17 || m === 11,
    preferred: [17, 11],
    requirement: 'Cassandra 5.0 needs Java 17 (or 11)',
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Cluster
// ---------------------------------------------------------------------------------------------------------------

export interface StartOptions extends InstallOptions {
  /** Number of nodes (default 1). Node N listens on 127.0.0.N. */
  nodes?: 1 | 2 | 3;
  /** Absolute path; each node gets <dataDir>/node<N>/… (relative paths are resolved against cwd). */
  dataDir: string;
  /** CQL port of every node (default 9042). */
  nativePort?: number;
  /** Inter-node port of every node (default 7000 + (nativePort − 9042)). */
  storagePort?: number;
  /** Node N's JMX port is jmxPortBase + N − 1, on 127.0.0.1 (default 7199 + (nativePort − 9042)). */
  jmxPortBase?: number;
  /** Default "runcoach". Must stay the same for an existing data dir. */
  clusterName?: string;
  /** JVM max heap, -Xmx (default "1G"). */
  heap?: string;
  /**
   * JVM initial heap, -Xms (default: the smaller of "256M" and `heap`). Cassandra mlockall()s the memory it has
   * mapped at start-up when it may (always as root), so -Xms = -Xmx = 1G makes every node ~1.5 GB resident at once;
   * 256M gives ~0.75 GB and the heap still grows to `heap` on demand.
   */
  initialHeap?: string;
  /** Leave the nodes running after this process exits (no watchdog). Default false. */
  detach?: boolean;
  /** Overall start-up timeout per node (default 180 000 ms). */
  timeoutMs?: number;
  /** Java home to use (default: see findJava). */
  javaHome?: string;
  log?: LogFn;
}

export interface NodeInfo {
  index: number;
  address: string;
  nativePort: number;
  storagePort: number;
  jmxPort: number;
  pid: number;
  dir: string;
  /** JVM stdout/stderr; system.log is next to it. */
  consoleLog: string;
  systemLog: string;
  /** True if the node was already running and was adopted, not started by this call. */
  reused: boolean;
  /** Spawn → first CQL answer (0 for reused nodes). */
  startupMs: number;
}

export interface Cluster {
  /** `127.0.0.N:<nativePort>` for each node. */
  contactPoints: string[];
  localDataCenter: typeof LOCAL_DATA_CENTER;
  dataDir: string;
  releaseVersion: string;
  nodes: NodeInfo[];
  /** Stops the nodes this call started (SIGTERM, up to 60 s, then SIGKILL). Adopted nodes keep running. */
  stop(): Promise<void>;
}

/** Persisted next to each node's pid file. */
interface NodeState {
  index: number;
  address: string;
  nativePort: number;
  storagePort: number;
  jmxPort: number;
  clusterName: string;
  version: string;
  libDir: string;
  java: string;
  detached: boolean;
  startedAt: string;
}

interface NodePaths {
  dir: string;
  conf: string;
  logs: string;
  pidFile: string;
  stateFile: string;
  consoleLog: string;
  systemLog: string;
}

function nodePaths(dataDir: string, index: number): NodePaths {
  const dir = path.join(dataDir, `node${index}`);
  const logs = path.join(dir, 'logs');
  return {
    dir,
    conf: path.join(dir, 'conf'),
    logs,
    pidFile: path.join(dir, 'cassandra.pid'),
    stateFile: path.join(dir, 'node.json'),
    consoleLog: path.join(logs, 'console.log'),
    systemLog: path.join(logs, 'system.log'),
  };
}

/** Balanced Murmur3 tokens: -2^63 + i * 2^64 / n. */
export function balancedTokens(n: number): string[] {
  const min = -(2n ** 63n);
  const step = 2n ** 64n / BigInt(n);
  return Array.from({ length: n }, (_, i) => (min + BigInt(i) * step).toString());
}

const q = (s: string): string => JSON.stringify(s); // YAML double-quoted == JSON string for plain paths

function cassandraYaml(p: {
  clusterName: string;
  token: string;
  address: string;
  seed: string;
  nativePort: number;
  storagePort: number;
  dir: string;
}): string {
  return `# Generated by scripts/cassandra/launcher.ts on every start — edits are overwritten.
cluster_name: ${q(p.clusterName)}
num_tokens: 1
initial_token: ${q(p.token)}
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
endpoint_snitch: SimpleSnitch
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: ${q(p.seed)}
listen_address: ${p.address}
rpc_address: ${p.address}
storage_port: ${p.storagePort}
native_transport_port: ${p.nativePort}
start_native_transport: true
auto_bootstrap: false
data_file_directories:
  - ${q(path.join(p.dir, 'data'))}
commitlog_directory: ${q(path.join(p.dir, 'commitlog'))}
hints_directory: ${q(path.join(p.dir, 'hints'))}
saved_caches_directory: ${q(path.join(p.dir, 'saved_caches'))}
cdc_raw_directory: ${q(path.join(p.dir, 'cdc_raw'))}
commitlog_sync: periodic
commitlog_sync_period: 10000ms
# fresh dev/test clusters only: enable all 5.0 sstable/format features (no 4.x nodes to talk to)
storage_compatibility_mode: NONE
authenticator: AllowAllAuthenticator
authorizer: AllowAllAuthorizer
role_manager: CassandraRoleManager
# small machine
concurrent_compactors: 1
memtable_flush_writers: 1
concurrent_reads: 8
concurrent_writes: 8
concurrent_counter_writes: 8
native_transport_max_threads: 32
# dev data: no snapshot on DROP/TRUNCATE
auto_snapshot: false
`;
}

function logbackXml(logs: string): string {
  const file = path.join(logs, 'system.log');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by scripts/cassandra/launcher.ts: INFO+ to logs/system.log, WARN+ to stdout (logs/console.log). -->
<configuration scan="false" debug="false">
  <!-- no shutdownHook: Cassandra stops logback itself at the end of its own shutdown (as its conf/logback.xml says) -->
  <appender name="SYSTEMLOG" class="ch.qos.logback.core.rolling.RollingFileAppender">
    <file>${file}</file>
    <rollingPolicy class="ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy">
      <fileNamePattern>${file}.%d{yyyy-MM-dd}.%i.zip</fileNamePattern>
      <maxFileSize>20MB</maxFileSize>
      <maxHistory>3</maxHistory>
      <totalSizeCap>100MB</totalSizeCap>
    </rollingPolicy>
    <encoder>
      <pattern>%-5level [%thread] %date{ISO8601} %logger{0} - %msg%n</pattern>
    </encoder>
  </appender>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <filter class="ch.qos.logback.classic.filter.ThresholdFilter">
      <level>WARN</level>
    </filter>
    <encoder>
      <pattern>%-5level [%thread] %date{ISO8601} %logger{0} - %msg%n</pattern>
    </encoder>
  </appender>
  <root level="INFO">
    <appender-ref ref="SYSTEMLOG"/>
    <appender-ref ref="STDOUT"/>
  </root>
</configuration>
`;
}

/** JPMS flags of Cassandra 5.0's conf/jvm17-server.options (harmless on 11). */
const JPMS_FLAGS: readonly string[] = [
  '-Djdk.attach.allowAttachSelf=true',
  ...[
    'java.base/jdk.internal.misc',
    'java.management.rmi/com.sun.jmx.remote.internal.rmi',
    'java.rmi/sun.rmi.registry',
    'java.rmi/sun.rmi.server',
    'java.sql/java.sql',
    'java.base/java.lang.ref',
    'jdk.unsupported/sun.misc',
    'jdk.compiler/com.sun.tools.javac.file',
    'jdk.attach/sun.tools.attach',
  ].map((m) => `--add-exports=${m}=ALL-UNNAMED`),
  ...[
    'java.base/java.lang.module',
    'java.base/jdk.internal.loader',
    'java.base/jdk.internal.ref',
    'java.base/jdk.internal.reflect',
    'java.base/jdk.internal.math',
    'java.base/jdk.internal.module',
    'java.base/jdk.internal.util.jar',
    'jdk.management/com.sun.management.internal',
    'java.base/sun.nio.ch',
    'java.base/java.io',
    'java.base/java.lang.reflect',
    'jdk.compiler/com.sun.tools.javac',
    'java.base/java.lang',
    'java.base/java.util',
  ].map((m) => `--add-opens=${m}=ALL-UNNAMED`),
];

function serverJvmArgs(p: {
  libDir: string;
  jammJar: string;
  paths: NodePaths;
  heap: string;
  initialHeap: string;
  jmxPort: number;
}): string[] {
  return [
    // conf/jvm-server.options (minus -XX:+AlwaysPreTouch, so RSS reflects use, and heap dumps)
    '-ea',
    '-da:net.openhft...',
    '-XX:+UseThreadPriorities',
    '-Xss256k',
    '-XX:+UseTLAB',
    '-XX:+ResizeTLAB',
    '-XX:+PerfDisableSharedMem',
    '-Djava.net.preferIPv4Stack=true',
    `-Xms${p.initialHeap}`,
    `-Xmx${p.heap}`,
    '-XX:+ExitOnOutOfMemoryError',
    `-XX:ErrorFile=${path.join(p.paths.logs, 'hs_err_pid%p.log')}`,
    // conf/jvm17-server.options
    '-XX:+UseG1GC',
    '-XX:+ParallelRefProcEnabled',
    '-XX:MaxTenuringThreshold=1',
    '-XX:G1RSetUpdatingPauseTimePercent=5',
    '-XX:MaxGCPauseMillis=300',
    '-XX:InitiatingHeapOccupancyPercent=70',
    ...JPMS_FLAGS,
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dio.netty.allocator.useCacheForAllThreads=true',
    '-Dio.netty.allocator.maxOrder=11',
    // bin/cassandra + conf/cassandra-env.sh (local JMX, no auth)
    `-javaagent:${p.jammJar}`,
    `-Dcassandra.jmx.local.port=${p.jmxPort}`,
    '-XX:+DisableExplicitGC',
    `-Dcassandra.config=${pathToFileURL(path.join(p.paths.conf, 'cassandra.yaml')).href}`,
    `-Dlogback.configurationFile=${pathToFileURL(path.join(p.paths.conf, 'logback.xml')).href}`,
    `-Dcassandra.logdir=${p.paths.logs}`,
    `-Dcassandra.storagedir=${p.paths.dir}`,
    '-Dcassandra-foreground=yes',
    // dev start-up speed
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    '-Dcassandra.ring_delay_ms=1000',
    '-cp',
    `${p.paths.conf}${path.delimiter}${path.join(p.libDir, '*')}`,
    'org.apache.cassandra.service.CassandraDaemon',
  ];
}

function jammJarOf(libDir: string): string {
  const jamm = fs.readdirSync(libDir).find((f) => /^jamm-.*\.jar$/.test(f));
  if (!jamm) throw new Error(`no jamm-*.jar in ${libDir}; delete ${path.dirname(libDir)} and retry`);
  return path.join(libDir, jamm);
}

/** JVM size ("512M", "1G", "1024m", bytes) → bytes. */
export function parseSize(s: string): number {
  const m = /^(\d+)([kKmMgG]?)$/.exec(s.trim());
  if (!m?.[1]) throw new Error(`bad JVM size "${s}" (use e.g. 512M or 1G)`);
  const unit = (m[2] ?? '').toLowerCase();
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Number(m[1]) * mult;
}

// ---- process helpers -------------------------------------------------------------------------------------------

/** Is `pid` a Cassandra JVM of exactly this node dir? (Guards against pid reuse.) */
function isOurNode(pid: number, nodeDir: string): boolean {
  return isProcessWithArgs(pid, [`-Dcassandra.storagedir=${nodeDir}`, 'org.apache.cassandra.service.CassandraDaemon']);
}

/** `SELECT release_version FROM system.local` on exactly this node; null if it does not answer. */
export async function queryReleaseVersion(host: string, port: number): Promise<string | null> {
  const endpoint = `${host}:${port}`;
  const lb = cassandra.policies.loadBalancing;
  const client = new cassandra.Client({
    contactPoints: [endpoint],
    localDataCenter: LOCAL_DATA_CENTER,
    policies: { loadBalancing: new lb.AllowListPolicy(new lb.DCAwareRoundRobinPolicy(LOCAL_DATA_CENTER), [endpoint]) },
    socketOptions: { connectTimeout: 5000, readTimeout: 10_000 },
  });
  try {
    await client.connect();
    const rs = await client.execute('SELECT release_version FROM system.local');
    const v: unknown = rs.first()?.get('release_version');
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}

async function peerCount(host: string, port: number): Promise<number> {
  const endpoint = `${host}:${port}`;
  const lb = cassandra.policies.loadBalancing;
  const client = new cassandra.Client({
    contactPoints: [endpoint],
    localDataCenter: LOCAL_DATA_CENTER,
    policies: { loadBalancing: new lb.AllowListPolicy(new lb.DCAwareRoundRobinPolicy(LOCAL_DATA_CENTER), [endpoint]) },
  });
  try {
    await client.connect();
    const rs = await client.execute('SELECT peer FROM system.peers');
    return rs.rowLength;
  } catch {
    return -1;
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}

interface OwnedNode {
  info: NodeInfo;
  child: ChildProcess | null;
  watchdog: ChildProcess | null;
  paths: NodePaths;
}

async function stopOwned(n: OwnedNode, timeoutMs: number, log: LogFn): Promise<void> {
  const t0 = Date.now();
  const how = await stopJvm({ pid: n.info.pid, child: n.child, watchdog: n.watchdog, timeoutMs });
  if (readPid(n.paths.pidFile) === n.info.pid) await fsp.rm(n.paths.pidFile, { force: true });
  if (how === 'kill') log(`node${n.info.index}: did not stop within ${timeoutMs / 1000} s, killed (SIGKILL)`);
  else if (how === 'term') log(`node${n.info.index}: stopped (pid ${n.info.pid}, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

/** Logback lines start with the level (see logbackXml). */
const isErrorLine = (line: string): boolean => /^ERROR\b/.test(line);

async function waitReady(p: {
  index: number;
  address: string;
  nativePort: number;
  pid: number;
  child: ChildProcess | null;
  paths: NodePaths;
  consoleOffset: number;
  systemOffset: number;
  deadline: number;
}): Promise<string> {
  let exited: string | null = null;
  p.child?.once('exit', (code, signal) => (exited = signal ? `signal ${signal}` : `exit code ${code}`));
  const sysLog = { path: p.paths.systemLog, offset: p.systemOffset };
  const conLog = { path: p.paths.consoleLog, offset: p.consoleOffset };
  const scan = fatalScanner([conLog, sysLog], FATAL_PATTERNS);
  const failure = async (why: string): Promise<Error> =>
    startFailure(
      `node${p.index} (${p.address}:${p.nativePort}) failed to start: ${why}`,
      (await firstError(sysLog.path, sysLog.offset, isErrorLine, FATAL_PATTERNS)) ??
        (await firstError(conLog.path, conLog.offset, isErrorLine, FATAL_PATTERNS)),
      [
        { ...conLog, label: `${conLog.path} (WARN+ and JVM output)`, lines: 15 },
        { ...sysLog, label: sysLog.path, lines: 25 },
      ],
    );
  for (;;) {
    if (exited !== null || (p.child === null && !isAlive(p.pid))) {
      throw await failure(`the JVM exited (${exited ?? 'pid gone'})`);
    }
    const hit = await scan();
    if (hit) throw await failure(`log says "${hit.source}"`);
    if (await tcpAnswers(p.address, p.nativePort)) {
      const v = await queryReleaseVersion(p.address, p.nativePort);
      if (v) return v;
    }
    if (Date.now() > p.deadline) throw await failure('timed out waiting for CQL');
    await sleep(250);
  }
}

/**
 * Starts (or adopts) a local cluster of 1–3 nodes and resolves once every node answers CQL
 * (and, for several nodes, node 1 sees all the others in system.peers).
 */
export async function startCluster(opts: StartOptions): Promise<Cluster> {
  const log = opts.log ?? defaultLog;
  const nodes = opts.nodes ?? 1;
  if (![1, 2, 3].includes(nodes)) throw new Error(`nodes must be 1, 2 or 3 (got ${String(nodes)})`);
  const dataDir = path.resolve(opts.dataDir);
  const nativePort = opts.nativePort ?? DEFAULT_NATIVE_PORT;
  const shift = nativePort - DEFAULT_NATIVE_PORT;
  const storagePort = opts.storagePort ?? DEFAULT_STORAGE_PORT + shift;
  const jmxPortBase = opts.jmxPortBase ?? DEFAULT_JMX_PORT + shift;
  const clusterName = opts.clusterName ?? 'runcoach';
  const heap = opts.heap ?? '1G';
  const initialHeap = opts.initialHeap ?? (parseSize(heap) <= parseSize('256M') ? heap : '256M');
  if (parseSize(initialHeap) > parseSize(heap)) throw new Error(`initialHeap ${initialHeap} > heap ${heap}`);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const detach = opts.detach ?? false;
  const version = cassandraVersion();

  const libDir = await ensureCassandraInstalled({ ...opts, log });
  const java = findJava(opts.javaHome);
  const jammJar = jammJarOf(libDir);
  const tokens = balancedTokens(nodes);
  const seed = `127.0.0.1:${storagePort}`;

  const owned: OwnedNode[] = [];
  const stopAll = async (list: OwnedNode[]): Promise<void> => {
    await Promise.all(list.filter((n) => !n.info.reused).map((n) => stopOwned(n, DEFAULT_STOP_TIMEOUT_MS, log)));
  };

  let releaseVersion = '';
  try {
    for (let i = 1; i <= nodes; i++) {
      const address = `127.0.0.${i}`;
      const jmxPort = jmxPortBase + i - 1;
      const paths = nodePaths(dataDir, i);
      const t0 = Date.now();

      // adopt a node that is already running for this dir
      const oldPid = readPid(paths.pidFile);
      if (oldPid !== null) {
        if (isOurNode(oldPid, paths.dir)) {
          const running = readState(paths.stateFile);
          if (running && (running.nativePort !== nativePort || running.address !== address)) {
            throw new Error(
              `node${i} of ${dataDir} is already running (pid ${oldPid}) on ${running.address}:${running.nativePort}, ` +
                `not ${address}:${nativePort}; use that port or stop it first (tsx scripts/cassandra/cli.ts stop --data-dir ${dataDir})`,
            );
          }
          log(`node${i}: already running (pid ${oldPid}), reusing it`);
          const v = await waitReady({
            index: i,
            address,
            nativePort,
            pid: oldPid,
            child: null,
            paths,
            consoleOffset: await fileSize(paths.consoleLog),
            systemOffset: await fileSize(paths.systemLog),
            deadline: Date.now() + timeoutMs,
          }).catch((err: Error) => {
            throw new Error(
              `${err.message}\n(node${i} pid ${oldPid} is running but its CQL port ${address}:${nativePort} does not answer;` +
                ` was it started with other ports? stop it with: tsx scripts/cassandra/cli.ts stop --data-dir ${dataDir})`,
            );
          });
          releaseVersion ||= v;
          owned.push({
            info: {
              index: i,
              address,
              nativePort,
              storagePort,
              jmxPort,
              pid: oldPid,
              dir: paths.dir,
              consoleLog: paths.consoleLog,
              systemLog: paths.systemLog,
              reused: true,
              startupMs: 0,
            },
            child: null,
            watchdog: null,
            paths,
          });
          continue;
        }
        await fsp.rm(paths.pidFile, { force: true }); // stale
      }

      for (const [host, port, what] of [
        [address, nativePort, 'native (CQL)'],
        [address, storagePort, 'storage'],
        ['127.0.0.1', jmxPort, 'JMX'],
      ] as const) {
        if (!(await portFree(host, port))) {
          throw new Error(
            `node${i}: ${what} port ${host}:${port} is already in use by another process. ` +
              `Pick other ports (nativePort/storagePort/jmxPortBase) or stop what holds it.`,
          );
        }
      }

      for (const d of ['data', 'commitlog', 'hints', 'saved_caches', 'cdc_raw', 'logs', 'conf']) {
        await fsp.mkdir(path.join(paths.dir, d), { recursive: true });
      }
      await fsp.writeFile(
        path.join(paths.conf, 'cassandra.yaml'),
        cassandraYaml({ clusterName, token: tokens[i - 1] ?? '0', address, seed, nativePort, storagePort, dir: paths.dir }),
      );
      await fsp.writeFile(path.join(paths.conf, 'logback.xml'), logbackXml(paths.logs));

      const consoleOffset = await fileSize(paths.consoleLog);
      const systemOffset = await fileSize(paths.systemLog);
      const out = fs.openSync(paths.consoleLog, 'a');
      fs.writeSync(out, `\n=== ${new Date().toISOString()} starting Cassandra ${version} node${i} (${address}) ===\n`);
      const args = serverJvmArgs({ libDir, jammJar, paths, heap, initialHeap, jmxPort });
      log(
        `node${i}: starting Cassandra ${version} on ${address}:${nativePort} (storage ${storagePort}, JMX ${jmxPort}, heap ${initialHeap}–${heap})…`,
      );
      const child = spawn(java.bin, args, {
        cwd: paths.dir,
        stdio: ['ignore', out, out],
        detached: true, // own process group either way; see the header comment
        env: { ...process.env, CASSANDRA_HOME: path.dirname(libDir), CASSANDRA_CONF: paths.conf },
      });
      fs.closeSync(out);
      const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
      spawnError.catch(() => undefined);
      if (child.pid === undefined) {
        await spawnError;
        throw new Error(`could not spawn ${java.bin}`);
      }
      child.unref();
      const pid = child.pid;
      await fsp.writeFile(paths.pidFile, `${pid}\n`);
      const state: NodeState = {
        index: i,
        address,
        nativePort,
        storagePort,
        jmxPort,
        clusterName,
        version,
        libDir,
        java: java.bin,
        detached: detach,
        startedAt: new Date().toISOString(),
      };
      await fsp.writeFile(paths.stateFile, JSON.stringify(state, null, 2) + '\n');
      const watchdog = detach ? null : spawnWatchdog(pid, 'cassandra-watchdog', 60, child);
      const node: OwnedNode = {
        info: {
          index: i,
          address,
          nativePort,
          storagePort,
          jmxPort,
          pid,
          dir: paths.dir,
          consoleLog: paths.consoleLog,
          systemLog: paths.systemLog,
          reused: false,
          startupMs: 0,
        },
        child,
        watchdog,
        paths,
      };
      owned.push(node);

      const v = await waitReady({
        index: i,
        address,
        nativePort,
        pid,
        child,
        paths,
        consoleOffset,
        systemOffset,
        deadline: t0 + timeoutMs,
      });
      releaseVersion ||= v;
      node.info.startupMs = Date.now() - t0;
      log(`node${i}: up (Cassandra ${v}, pid ${pid}) in ${(node.info.startupMs / 1000).toFixed(1)} s`);
    }

    if (nodes > 1) {
      const first = owned[0];
      if (!first) throw new Error('internal: no node 1');
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const peers = await peerCount(first.info.address, nativePort);
        if (peers >= nodes - 1) break;
        if (Date.now() > deadline) {
          throw new Error(`node1 sees ${peers} peers in system.peers after ${timeoutMs / 1000} s, expected ${nodes - 1}`);
        }
        await sleep(500);
      }
      log(`all ${nodes} nodes see each other`);
    }
  } catch (err) {
    await stopAll(owned);
    throw err;
  }

  let stopped = false;
  return {
    contactPoints: owned.map((n) => `${n.info.address}:${nativePort}`),
    localDataCenter: LOCAL_DATA_CENTER,
    dataDir,
    releaseVersion,
    nodes: owned.map((n) => n.info),
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopAll(owned);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Out-of-process helpers (CLI stop / status / nodetool)
// ---------------------------------------------------------------------------------------------------------------

export interface NodeStatus {
  index: number;
  dir: string;
  pid: number | null;
  running: boolean;
  state: NodeState | null;
}

function readState(stateFile: string): NodeState | null {
  try {
    return JSON.parse(fs.readFileSync(stateFile, 'utf8')) as NodeState;
  } catch {
    return null;
  }
}

/** The node<N> dirs of a data dir, with pid / liveness / saved ports. */
export async function clusterStatus(dataDir: string): Promise<NodeStatus[]> {
  const root = path.resolve(dataDir);
  let entries: string[] = [];
  try {
    entries = await fsp.readdir(root);
  } catch {
    return [];
  }
  const out: NodeStatus[] = [];
  for (const e of entries) {
    const m = /^node(\d+)$/.exec(e);
    if (!m?.[1]) continue;
    const index = Number(m[1]);
    const paths = nodePaths(root, index);
    const pid = readPid(paths.pidFile);
    out.push({
      index,
      dir: paths.dir,
      pid,
      running: pid !== null && isOurNode(pid, paths.dir),
      state: readState(paths.stateFile),
    });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Stops every node of `dataDir` found via pid files (any process may call it). Returns how many were stopped. */
export async function stopCluster(
  dataDir: string,
  opts: { log?: LogFn; timeoutMs?: number } = {},
): Promise<number> {
  const log = opts.log ?? defaultLog;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
  const nodes = await clusterStatus(dataDir);
  let count = 0;
  await Promise.all(
    nodes.map(async (n) => {
      const pidFile = path.join(n.dir, 'cassandra.pid');
      if (n.pid === null) return;
      if (!n.running) {
        await fsp.rm(pidFile, { force: true });
        return;
      }
      const t0 = Date.now();
      const how = await terminate(n.pid, timeoutMs);
      await fsp.rm(pidFile, { force: true });
      count++;
      log(
        how === 'kill'
          ? `node${n.index}: did not stop within ${timeoutMs / 1000} s, killed (SIGKILL)`
          : `node${n.index}: stopped (pid ${n.pid}, ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      );
    }),
  );
  return count;
}

/**
 * Runs `org.apache.cassandra.tools.NodeTool -h 127.0.0.1 -p <jmx port of node N> <args…>` with the cached jars,
 * output inherited. Resolves with nodetool's exit code.
 */
export async function runNodetool(
  dataDir: string,
  args: string[],
  opts: { node?: number; javaHome?: string; log?: LogFn } = {},
): Promise<number> {
  const index = opts.node ?? 1;
  const state = readState(nodePaths(path.resolve(dataDir), index).stateFile);
  if (!state) throw new Error(`no node${index}/node.json under ${path.resolve(dataDir)}: start the cluster first`);
  const libDir = fs.existsSync(state.libDir) ? state.libDir : await ensureCassandraInstalled({ log: opts.log });
  const java = opts.javaHome ? findJava(opts.javaHome).bin : fs.existsSync(state.java) ? state.java : findJava().bin;
  // nodetool's own logging: warnings only (without a config logback prints DEBUG to the console)
  const logback = path.join(os.tmpdir(), 'runcoach-cassandra-logback-tools.xml');
  await fsp.writeFile(
    logback,
    `<configuration><appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>` +
      `<encoder><pattern>%-5level %logger{0} - %msg%n</pattern></encoder></appender>` +
      `<root level="WARN"><appender-ref ref="STDERR"/></root></configuration>\n`,
  );
  const jvm = [
    '-Xmx128m',
    '-Xss256k',
    '-XX:+UseSerialGC',
    '-Djava.net.preferIPv4Stack=true',
    ...JPMS_FLAGS,
    `-Dcassandra.storagedir=${path.join(os.tmpdir(), 'cassandra-nodetool')}`,
    `-Dlogback.configurationFile=${pathToFileURL(logback).href}`,
    '-cp',
    path.join(libDir, '*'),
    'org.apache.cassandra.tools.NodeTool',
    '-h',
    '127.0.0.1',
    '-p',
    String(state.jmxPort),
    ...args,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(java, jvm, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
