/**
 * One Cassandra node JVM: adopt it if it already runs for its dir, or write its config and spawn it (with its
 * watchdog unless detached); wait until it answers CQL; stop it, or kill it as a crash would.
 */
import type { ChildProcess } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileSize } from '../lib/jvm/log-tail';
import { isProcessWithArgs, readPid, removePidFileOf } from '../lib/jvm/pid-files';
import { portFree } from '../lib/jvm/ports';
import { spawnServer } from '../lib/jvm/spawn-server';
import { stopServer } from '../lib/jvm/stop-server';
import { waitServerReady } from '../lib/jvm/wait-ready';
import { killJvm } from '../lib/jvm/watchdog';
import { cassandraYaml, isErrorLine, logbackXml, type HeapSizes, type NodeSpec } from './config';
import { queryReleaseVersion } from './cql-probe';
import type { LogFn } from './install';
import { DAEMON_CLASS, serverJvmArgs, storageDirFlag } from './jvm-args';
import { makeNodeDirs, readNodeState, writeNodeState, type NodePaths } from './layout';

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
  /** Spawn → first CQL answer, for the last (re)start by this process (0 for reused nodes). */
  startupMs: number;
}

export interface RunningNode {
  info: NodeInfo;
  paths: NodePaths;
  child: ChildProcess | null;
  watchdog: ChildProcess | null;
  /** Where this start's output begins in system.log / console.log. */
  offsets: { system: number; console: number };
}

/** Is `pid` a Cassandra JVM of exactly this node dir? (Guards against pid reuse.) */
export function isOurNode(pid: number, nodeDir: string): boolean {
  return isProcessWithArgs(pid, [storageDirFlag(nodeDir), DAEMON_CLASS]);
}

/**
 * Does the node's JVM still run? For one we spawned, its child handle says so exactly (an exited child's pid may
 * already belong to another process); for an adopted one, its pid and command line.
 */
export function isRunning(n: RunningNode): boolean {
  if (n.child) return n.child.exitCode === null && n.child.signalCode === null;
  return isOurNode(n.info.pid, n.info.dir);
}

function nodeInfo(spec: NodeSpec, paths: NodePaths, pid: number, reused: boolean): NodeInfo {
  const { index, address, nativePort, storagePort, jmxPort } = spec;
  const { dir, consoleLog, systemLog } = paths;
  return { index, address, nativePort, storagePort, jmxPort, pid, dir, consoleLog, systemLog, reused, startupMs: 0 };
}

const logOffsets = async (p: NodePaths): Promise<RunningNode['offsets']> => ({
  system: await fileSize(p.systemLog),
  console: await fileSize(p.consoleLog),
});

/**
 * The node of this dir if its pid file names a live Cassandra JVM for it (a stale pid file is removed), or null.
 * Refuses one that runs on another address or native port than asked for.
 */
export async function adoptNode(spec: NodeSpec, paths: NodePaths, dataDir: string): Promise<RunningNode | null> {
  const pid = readPid(paths.pidFile);
  if (pid === null) return null;
  if (!isOurNode(pid, paths.dir)) {
    await fsp.rm(paths.pidFile, { force: true }); // stale
    return null;
  }
  const running = readNodeState(paths);
  if (running && (running.nativePort !== spec.nativePort || running.address !== spec.address)) {
    throw new Error(
      `node${spec.index} of ${dataDir} is already running (pid ${pid}) on ${running.address}:${running.nativePort}, ` +
        `not ${spec.address}:${spec.nativePort}; use that port or stop it first (tsx scripts/cassandra/cli.ts stop --data-dir ${dataDir})`,
    );
  }
  const offsets = await logOffsets(paths);
  return { info: nodeInfo(spec, paths, pid, true), paths, child: null, watchdog: null, offsets };
}

export interface SpawnOptions {
  java: string;
  libDir: string;
  jammJar: string;
  heap: HeapSizes;
  clusterName: string;
  seed: string;
  version: string;
  detach: boolean;
}

/** Checks the node's ports are free, writes its dirs and config, and starts its JVM. */
export async function spawnNode(spec: NodeSpec, paths: NodePaths, o: SpawnOptions, log: LogFn): Promise<RunningNode> {
  const { index: i, address, nativePort, storagePort, jmxPort } = spec;
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

  await makeNodeDirs(paths);
  const { clusterName, seed } = o;
  await fsp.writeFile(
    paths.yamlFile,
    cassandraYaml({ clusterName, token: spec.token, address, seed, nativePort, storagePort, dir: paths.dir }),
  );
  await fsp.writeFile(paths.logbackFile, logbackXml(paths.logs));

  const offsets = await logOffsets(paths);
  const { heap, initialHeap } = o.heap;
  const args = serverJvmArgs({ libDir: o.libDir, jammJar: o.jammJar, paths, heap, initialHeap, jmxPort });
  log(
    `node${i}: starting Cassandra ${o.version} on ${address}:${nativePort} (storage ${storagePort}, JMX ${jmxPort}, heap ${initialHeap}–${heap})…`,
  );
  const { pid, child, watchdog } = await spawnServer({
    java: o.java,
    args,
    cwd: paths.dir,
    // what bin/cassandra would set
    env: { ...process.env, CASSANDRA_HOME: path.dirname(o.libDir), CASSANDRA_CONF: paths.conf },
    consoleLog: paths.consoleLog,
    banner: `starting Cassandra ${o.version} node${i} (${address})`,
    pidFile: paths.pidFile,
    watchdog: o.detach ? null : 'cassandra-watchdog',
  });
  await writeNodeState(paths, {
    index: i,
    address,
    nativePort,
    storagePort,
    jmxPort,
    clusterName,
    version: o.version,
    libDir: o.libDir,
    java: o.java,
    detached: o.detach,
    startedAt: new Date().toISOString(),
  });
  return { info: nodeInfo(spec, paths, pid, false), paths, child, watchdog, offsets };
}

/**
 * Resolves with the node's release_version once it answers CQL. Rejects early (with the logs' last lines) if the
 * JVM exits or logs a fatal line, or at `deadline`.
 */
export function waitNodeReady(n: RunningNode, deadline: number, signal?: AbortSignal): Promise<string> {
  const { info, paths } = n;
  return waitServerReady({
    name: `node${info.index}`,
    host: info.address,
    port: info.nativePort,
    pid: info.pid,
    child: n.child,
    serverLog: { path: paths.systemLog, offset: n.offsets.system },
    consoleLog: { path: paths.consoleLog, offset: n.offsets.console },
    tailLines: { server: 25, console: 15 },
    fatal: FATAL_PATTERNS,
    isErrorLine,
    probe: () => queryReleaseVersion(info.address, info.nativePort),
    timedOut: () => 'timed out waiting for CQL',
    deadline,
    signal,
  });
}

/** SIGTERM (Cassandra drains), SIGKILL after timeoutMs; removes the pid file. */
export async function stopNode(n: RunningNode, timeoutMs: number, log: LogFn): Promise<void> {
  const server = { name: `node${n.info.index}`, pid: n.info.pid, pidFile: n.paths.pidFile };
  await stopServer({ ...server, child: n.child, watchdog: n.watchdog }, timeoutMs, log);
}

/**
 * SIGKILL at once, as a crash would (no drain, no flush; the data dir is left as it is). Disarms the watchdog first
 * and waits until the JVM is gone; removes the pid file.
 */
export async function killNode(n: RunningNode): Promise<void> {
  await killJvm({ pid: n.info.pid, child: n.child, watchdog: n.watchdog }); // waits ≤ 10 s for it to go
  if (isRunning(n)) throw new Error(`node${n.info.index}: pid ${n.info.pid} still alive 10 s after SIGKILL`);
  await removePidFileOf(n.paths.pidFile, n.info.pid);
}
