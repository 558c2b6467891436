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
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import cassandra from 'cassandra-driver';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The fetch-only POM; its `cassandra.version` property is the single source of the version. */
export const POM_PATH = path.join(HERE, 'pom.xml');

export const LOCAL_DATA_CENTER = 'datacenter1' as const;
const DEFAULT_NATIVE_PORT = 9042;
const DEFAULT_STORAGE_PORT = 7000;
const DEFAULT_JMX_PORT = 7199;
const DEFAULT_START_TIMEOUT_MS = 180_000;
const DEFAULT_STOP_TIMEOUT_MS = 60_000;
const MAVEN_DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.6.1';

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
  if (cachedVersion) return cachedVersion;
  const pom = fs.readFileSync(POM_PATH, 'utf8');
  const m = /<cassandra\.version>\s*([^<\s]+)\s*<\/cassandra\.version>/.exec(pom);
  if (!m?.[1]) throw new Error(`cannot find <cassandra.version> in ${POM_PATH}`);
  cachedVersion = m[1];
  return cachedVersion;
}

/** `${XDG_CACHE_HOME:-$HOME/.cache}/runcoach/cassandra-<version>` — shared by every clone on this machine. */
export function defaultCacheDir(version: string = cassandraVersion()): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'runcoach', `cassandra-${version}`);
}

export interface InstallOptions {
  /** Where the jars go (`<cacheDir>/lib`). Default: `defaultCacheDir()`. */
  cacheDir?: string;
  /** Maven executable. Default: `mvn` on PATH. */
  mvn?: string;
  /** Extra arguments for Maven, e.g. `-Dmaven.repo.local=/tmp/m2`. */
  mavenArgs?: string[];
  /** Re-fetch even if the cache is complete. */
  force?: boolean;
  log?: LogFn;
}

const MARKER = '.complete';

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.access(p);
    return true;
  } catch {
    return false;
  }
}

function runCapture(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * Makes sure the Cassandra jars are in the cache and returns the lib dir (`<cacheDir>/lib`).
 * The first call on a machine runs Maven (copy-dependencies, runtime scope); a marker file is written only after
 * a complete copy, so an interrupted fetch is redone next time.
 */
export async function ensureCassandraInstalled(opts: InstallOptions = {}): Promise<string> {
  const log = opts.log ?? defaultLog;
  const version = cassandraVersion();
  const cacheDir = path.resolve(opts.cacheDir ?? defaultCacheDir(version));
  const libDir = path.join(cacheDir, 'lib');
  const marker = path.join(cacheDir, MARKER);
  if (!opts.force && (await exists(marker)) && (await exists(path.join(libDir, `cassandra-all-${version}.jar`)))) {
    return libDir;
  }

  await fsp.mkdir(cacheDir, { recursive: true });
  await fsp.rm(marker, { force: true });
  const tmpLib = path.join(cacheDir, `lib.tmp-${process.pid}`);
  // leftovers of interrupted fetches (their process is gone)
  for (const e of await fsp.readdir(cacheDir)) {
    const m = /^lib\.tmp-(\d+)$/.exec(e);
    if (m?.[1] && (Number(m[1]) === process.pid || !isAlive(Number(m[1])))) {
      await fsp.rm(path.join(cacheDir, e), { recursive: true, force: true });
    }
  }

  log(`fetching Cassandra ${version} from Maven Central (first run only)… → ${libDir}`);
  const started = Date.now();
  const args = [
    '-B',
    '-q',
    `${MAVEN_DEPENDENCY_PLUGIN}:copy-dependencies`,
    '-DincludeScope=runtime',
    `-DoutputDirectory=${tmpLib}`,
    '-f',
    POM_PATH,
    ...(opts.mavenArgs ?? []),
  ];
  let result: { code: number; output: string };
  try {
    result = await runCapture(opts.mvn ?? 'mvn', args);
  } catch (err) {
    await fsp.rm(tmpLib, { recursive: true, force: true });
    throw new Error(`cannot run Maven (${opts.mvn ?? 'mvn'}): ${(err as Error).message}. Install Maven 3 or pass mvn.`);
  }
  if (result.code !== 0) {
    await fsp.rm(tmpLib, { recursive: true, force: true });
    const tail = result.output.trim().split('\n').slice(-40).join('\n');
    throw new Error(`Maven failed to fetch Cassandra ${version} (exit ${result.code}):\n${tail}`);
  }
  const jars = (await fsp.readdir(tmpLib)).filter((f) => f.endsWith('.jar'));
  if (!jars.includes(`cassandra-all-${version}.jar`) || !jars.some((j) => /^jamm-.*\.jar$/.test(j))) {
    await fsp.rm(tmpLib, { recursive: true, force: true });
    throw new Error(`Maven finished but ${tmpLib} lacks cassandra-all-${version}.jar or jamm; jars: ${jars.join(' ')}`);
  }
  await fsp.rm(libDir, { recursive: true, force: true });
  await fsp.rename(tmpLib, libDir);
  let bytes = 0;
  for (const j of jars) bytes += (await fsp.stat(path.join(libDir, j))).size;
  await fsp.writeFile(
    marker,
    JSON.stringify({ version, jars: jars.length, bytes, fetchedAt: new Date().toISOString() }, null, 2) + '\n',
  );
  log(
    `fetched ${jars.length} jars (${(bytes / 1048576).toFixed(0)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return libDir;
}

// ---------------------------------------------------------------------------------------------------------------
// Java
// ---------------------------------------------------------------------------------------------------------------

export interface JavaInfo {
  bin: string;
  major: number;
}

function javaMajor(bin: string): number | null {
  const r = spawnSync(bin, ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  if (!m?.[1]) return null;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
}

/**
 * Finds a Java 17 (preferred) or 11 runtime: `javaHome`, $CASSANDRA_JAVA_HOME, $JAVA_HOME, `java` on PATH,
 * then /usr/lib/jvm/*. Cassandra 5.0 supports only 11 and 17 (and needs extra flags on 18+).
 */
export function findJava(javaHome?: string): JavaInfo {
  if (javaHome) {
    const bin = path.join(javaHome, 'bin', 'java');
    const major = javaMajor(bin);
    if (major !== 17 && major !== 11) {
      throw new Error(`${bin} is Java ${major ?? '?'}; Cassandra 5.0 needs Java 17 (or 11)`);
    }
    return { bin, major };
  }
  const candidates: string[] = [];
  for (const env of ['CASSANDRA_JAVA_HOME', 'JAVA_HOME']) {
    const home = process.env[env];
    if (home) candidates.push(path.join(home, 'bin', 'java'));
  }
  candidates.push('java');
  try {
    for (const d of fs.readdirSync('/usr/lib/jvm').sort()) {
      if (/(^|[-_.])(17|11)([-_.]|$)/.test(d)) candidates.push(path.join('/usr/lib/jvm', d, 'bin', 'java'));
    }
  } catch {
    /* no /usr/lib/jvm */
  }
  const found: JavaInfo[] = [];
  for (const bin of candidates) {
    const major = javaMajor(bin);
    if (major !== null) found.push({ bin, major });
    if (major === 17) return { bin, major };
  }
  const j11 = found.find((j) => j.major === 11);
  if (j11) return j11;
  throw new Error(
    `no Java 17 found (Cassandra 5.0 needs 17 or 11); saw: ${
      found.map((j) => `${j.bin}=${j.major}`).join(', ') || 'none'
    }. Set CASSANDRA_JAVA_HOME.`,
  );
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

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Alive and not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/** Is `pid` a Cassandra JVM of exactly this node dir? (Guards against pid reuse.) */
function isOurNode(pid: number, nodeDir: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.includes(`-Dcassandra.storagedir=${nodeDir}`) && args.includes('org.apache.cassandra.service.CassandraDaemon');
  } catch {
    return process.platform !== 'linux';
  }
}

function readPid(pidFile: string): number | null {
  try {
    const n = Number(fs.readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(200);
  }
  return !isAlive(pid);
}

/** SIGTERM, wait up to timeoutMs, then SIGKILL. Returns how it ended. */
async function terminate(pid: number, timeoutMs: number): Promise<'gone' | 'term' | 'kill'> {
  if (!isAlive(pid)) return 'gone';
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return 'gone';
  }
  if (await waitForExit(pid, timeoutMs)) return 'term';
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await waitForExit(pid, 10_000);
  return 'kill';
}

/** Can we bind host:port right now? */
function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

function tcpAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
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

async function fileSize(p: string): Promise<number> {
  try {
    return (await fsp.stat(p)).size;
  } catch {
    return 0;
  }
}

async function readFrom(p: string, offset: number): Promise<string> {
  try {
    const fh = await fsp.open(p, 'r');
    try {
      const { size } = await fh.stat();
      if (size <= offset) return '';
      const buf = Buffer.alloc(size - offset);
      await fh.read(buf, 0, buf.length, offset);
      return buf.toString('utf8');
    } finally {
      await fh.close();
    }
  } catch {
    return '';
  }
}

/** Last n lines written since offset, without Java stack frames. */
async function tailLines(p: string, offset: number, n: number): Promise<string[]> {
  const text = await readFrom(p, offset);
  return text
    .split('\n')
    .filter((l) => l.length > 0 && !/^\s+at /.test(l) && !/^\s*\.\.\. \d+ more/.test(l))
    .slice(-n);
}

/** The first ERROR line written since offset and the line after it (usually the exception message). */
async function firstError(p: string, offset: number): Promise<string | null> {
  const lines = (await readFrom(p, offset)).split('\n');
  const i = lines.findIndex((l) => /^ERROR\b/.test(l) || FATAL_PATTERNS.some((re) => re.test(l)));
  if (i < 0) return null;
  const next = lines[i + 1] ?? '';
  return [lines[i], /^\s+at /.test(next) ? '' : next].filter(Boolean).join('\n');
}

/** A per-node `sh` watchdog that terminates the JVM once this Node process is gone. */
function spawnWatchdog(jvmPid: number): ChildProcess {
  // stdin is a pipe from this process: EOF (we exited, however) → SIGTERM the JVM, SIGKILL after 60 s.
  const script = [
    'while read -r _; do :; done',
    'kill -TERM "$1" 2>/dev/null || exit 0',
    'i=0',
    'while kill -0 "$1" 2>/dev/null && [ "$i" -lt 600 ]; do sleep 0.1; i=$((i+1)); done',
    'kill -KILL "$1" 2>/dev/null',
    'exit 0',
  ].join('\n');
  const wd = spawn('sh', ['-c', script, 'cassandra-watchdog', String(jvmPid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true, // own process group: a terminal Ctrl-C does not kill it before it can act
  });
  wd.on('error', () => undefined);
  wd.stdin?.on('error', () => undefined);
  wd.unref();
  (wd.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return wd;
}

interface OwnedNode {
  info: NodeInfo;
  child: ChildProcess | null;
  watchdog: ChildProcess | null;
  paths: NodePaths;
}

function childExited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopOwned(n: OwnedNode, timeoutMs: number, log: LogFn): Promise<void> {
  // the watchdog must not fire while we do an orderly stop
  if (n.watchdog && n.watchdog.exitCode === null && n.watchdog.pid) {
    try {
      process.kill(n.watchdog.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  const t0 = Date.now();
  const how = await terminate(n.info.pid, timeoutMs);
  // our own child: also wait until Node has reaped it, so no zombie is left when stop() resolves
  if (n.child) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([childExited(n.child), new Promise<void>((r) => (timer = setTimeout(r, 5000)))]);
    clearTimeout(timer);
  }
  if (readPid(n.paths.pidFile) === n.info.pid) await fsp.rm(n.paths.pidFile, { force: true });
  if (how === 'kill') log(`node${n.info.index}: did not stop within ${timeoutMs / 1000} s, killed (SIGKILL)`);
  else if (how === 'term') log(`node${n.info.index}: stopped (pid ${n.info.pid}, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

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
  const scanned = { console: p.consoleOffset, system: p.systemOffset };
  const failure = async (why: string): Promise<Error> => {
    const cause =
      (await firstError(p.paths.systemLog, p.systemOffset)) ?? (await firstError(p.paths.consoleLog, p.consoleOffset));
    const sys = await tailLines(p.paths.systemLog, p.systemOffset, 25);
    const con = await tailLines(p.paths.consoleLog, p.consoleOffset, 15);
    const parts = [`node${p.index} (${p.address}:${p.nativePort}) failed to start: ${why}`];
    if (cause) parts.push(`cause: ${cause}`);
    if (con.length) parts.push(`--- last lines of ${p.paths.consoleLog} (WARN+ and JVM output):`, ...con);
    if (sys.length) parts.push(`--- last lines of ${p.paths.systemLog}:`, ...sys);
    return new Error(parts.join('\n'));
  };
  for (;;) {
    if (exited !== null || (p.child === null && !isAlive(p.pid))) {
      throw await failure(`the JVM exited (${exited ?? 'pid gone'})`);
    }
    for (const [key, file] of [
      ['console', p.paths.consoleLog],
      ['system', p.paths.systemLog],
    ] as const) {
      const text = await readFrom(file, scanned[key]);
      // only scan whole lines; keep a partial last line for the next round
      const cut = text.lastIndexOf('\n') + 1;
      const chunk = text.slice(0, cut);
      scanned[key] += Buffer.byteLength(chunk);
      const hit = FATAL_PATTERNS.find((re) => re.test(chunk));
      if (hit) throw await failure(`log says "${hit.source}"`);
    }
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
      const watchdog = detach ? null : spawnWatchdog(pid);
      if (watchdog) {
        child.once('exit', () => {
          if (watchdog.exitCode === null && watchdog.pid) {
            try {
              process.kill(watchdog.pid, 'SIGKILL');
            } catch {
              /* gone */
            }
          }
        });
      }
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
