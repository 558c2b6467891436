/**
 * Runs the real Apache Cassandra 5.0 server without Docker (see README.md next to this file).
 *
 * - `ensureCassandraInstalled()` (install.ts) copies cassandra-all and its runtime dependencies from Maven Central
 *   (via scripts/cassandra/pom.xml) into a per-machine cache, once.
 * - `startCluster()` (here) starts 1–3 local nodes (node N on 127.0.0.N), each a plain `java` process.
 * - `stopCluster()`, `clusterStatus()` (control.ts) stop / list the nodes of a data dir from any process (via pid
 *   files); `runNodetool()` (nodetool.ts) runs nodetool against one of them.
 *
 * Ports (config.ts): every node uses the same native and storage port on its own address 127.0.0.N, like ccm; JMX
 * is on 127.0.0.1, node N on jmxPortBase + N - 1. A `nativePort` alone shifts the others with it (`nativePort: 9142`
 * gives storage 7100 and JMX 7299–7301), so clusters that run side by side need only be 3 ports apart (100 is tidy).
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
 *
 * Fault tests: `kill(i)`, `restart(i)` and `stopNode(i)` act on one node this call started (never on an adopted
 * one); a restarted node is started like the first time and is stopped by `stop()` like the others.
 */
import path from 'node:path';
import {
  clusterPorts,
  DEFAULT_CLUSTER_NAME,
  heapSizes,
  LOCAL_DATA_CENTER,
  nodeSpecs,
  seedOf,
  type NodeCount,
} from './config';
import { DEFAULT_STOP_TIMEOUT_MS } from './control';
import {
  cassandraVersion,
  defaultLog,
  ensureCassandraInstalled,
  findCassandraJava,
  jammJarOf,
  type InstallOptions,
  type LogFn,
} from './install';
import { nodePaths } from './layout';
import {
  adoptNode,
  isRunning,
  killNode,
  spawnNode,
  stopNode,
  waitNodeReady,
  type NodeInfo,
  type RunningNode,
  type SpawnOptions,
} from './node';
import { waitUntilAllSeeAllUp, waitUntilPeersSeen, waitUntilSeenUp } from './ring';

export { isAlive } from '../lib/jvm/pid-files';
export { balancedTokens, LOCAL_DATA_CENTER, parseSize } from './config';
export { clusterStatus, stopCluster, type NodeStatus } from './control';
export { queryReleaseVersion } from './cql-probe';
export {
  cassandraVersion,
  defaultCacheDir,
  ensureCassandraInstalled,
  findCassandraJava as findJava,
  POM_PATH,
  type InstallOptions,
  type JavaInfo,
  type LogFn,
} from './install';
export { runNodetool } from './nodetool';
export type { NodeInfo };

const DEFAULT_START_TIMEOUT_MS = 180_000;

export interface StartOptions extends InstallOptions {
  /** Number of nodes (default 1). Node N listens on 127.0.0.N. */
  nodes?: NodeCount;
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
  /** Overall start-up timeout per node, for a restart too (default 180 000 ms). */
  timeoutMs?: number;
  /** Java home to use (default: see findJava). */
  javaHome?: string;
  log?: LogFn;
}

export interface Cluster {
  /** `127.0.0.N:<nativePort>` for each node. */
  contactPoints: string[];
  localDataCenter: typeof LOCAL_DATA_CENTER;
  dataDir: string;
  releaseVersion: string;
  /** Live view: pid and startupMs change on restart. */
  nodes: NodeInfo[];
  /**
   * Stops the nodes this call started, restarted ones included (SIGTERM, up to 60 s, then SIGKILL); first waits for
   * a kill/restart/stopNode under way (a restart still waiting for its node gives up). Adopted nodes keep running.
   */
  stop(): Promise<void>;
  /**
   * SIGKILLs nodes[index] (0-based), as a crash would: no drain, no flush, data dir left as it is. Resolves once the
   * JVM is gone; its watchdog is disarmed. Only for nodes this call started (rejects for an adopted one).
   */
  kill(index: number): Promise<void>;
  /**
   * Starts nodes[index] again (stopping it first if it runs) on the same data dir, address, ports and config, with a
   * watchdog unless detached. Resolves once it answers CQL and it and the other live nodes show each other UN in
   * `nodetool status`. Only for nodes this call started.
   */
  restart(index: number): Promise<void>;
  /** Stops nodes[index] in order (SIGTERM: Cassandra drains), SIGKILL after 60 s. Only for nodes this call started. */
  stopNode(index: number): Promise<void>;
}

/**
 * Starts (or adopts) a local cluster of 1–3 nodes and resolves once every node answers CQL
 * (and, for several nodes, node 1 sees all the others in system.peers).
 */
export async function startCluster(opts: StartOptions): Promise<Cluster> {
  const log = opts.log ?? defaultLog;
  const ports = clusterPorts(opts);
  const specs = nodeSpecs(opts.nodes ?? 1, ports);
  const dataDir = path.resolve(opts.dataDir);
  const heap = heapSizes(opts.heap, opts.initialHeap);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const version = cassandraVersion();

  const libDir = await ensureCassandraInstalled({ ...opts, log });
  const spawnOpts: SpawnOptions = {
    java: findCassandraJava(opts.javaHome).bin,
    libDir,
    jammJar: jammJarOf(libDir),
    heap,
    clusterName: opts.clusterName ?? DEFAULT_CLUSTER_NAME,
    seed: seedOf(ports),
    version,
    detach: opts.detach ?? false,
  };

  const running: RunningNode[] = [];
  const stopStarted = async (): Promise<void> => {
    const started = running.filter((n) => !n.info.reused && isRunning(n));
    await Promise.all(started.map((n) => stopNode(n, DEFAULT_STOP_TIMEOUT_MS, log)));
  };

  let releaseVersion = '';
  try {
    for (const spec of specs) {
      const { index: i, address, nativePort } = spec;
      const paths = nodePaths(dataDir, i);
      const t0 = Date.now();

      const adopted = await adoptNode(spec, paths, dataDir);
      if (adopted) {
        log(`node${i}: already running (pid ${adopted.info.pid}), reusing it`);
        const v = await waitNodeReady(adopted, Date.now() + timeoutMs).catch((err: Error) => {
          throw new Error(
            `${err.message}\n(node${i} pid ${adopted.info.pid} is running but its CQL port ${address}:${nativePort} does not answer;` +
              ` was it started with other ports? stop it with: tsx scripts/cassandra/cli.ts stop --data-dir ${dataDir})`,
          );
        });
        releaseVersion ||= v;
        running.push(adopted);
        continue;
      }

      const node = await spawnNode(spec, paths, spawnOpts, log);
      running.push(node);
      const v = await waitNodeReady(node, t0 + timeoutMs);
      releaseVersion ||= v;
      node.info.startupMs = Date.now() - t0;
      log(`node${i}: up (Cassandra ${v}, pid ${node.info.pid}) in ${(node.info.startupMs / 1000).toFixed(1)} s`);
    }
    if (specs.length > 1) {
      await waitUntilPeersSeen(running, timeoutMs, log);
      await waitUntilAllSeeAllUp(running, spawnOpts, timeoutMs, log);
    }
  } catch (err) {
    await stopStarted();
    throw err;
  }

  let stopped = false;
  const abort = new AbortController();
  // one operation at a time per node, and stop() waits for them
  const busy = new Map<RunningNode, Promise<unknown>>();
  const onNode = (index: number, what: string, op: (n: RunningNode) => Promise<void>): Promise<void> => {
    const n = running[index];
    if (!n) return Promise.reject(new RangeError(`no node at index ${index} (0–${running.length - 1})`));
    const name = `node${n.info.index}`;
    if (n.info.reused) {
      const stop = `tsx scripts/cassandra/cli.ts stop --data-dir ${dataDir}`;
      const why = `was already running (pid ${n.info.pid}) and was adopted, not started by this cluster`;
      return Promise.reject(new Error(`cannot ${what} ${name}: it ${why}; stop it (${stop}) and start again`));
    }
    if (stopped) return Promise.reject(new Error(`cannot ${what} ${name}: the cluster has been stopped`));
    const run = (busy.get(n) ?? Promise.resolve()).catch(() => undefined).then(() => op(n));
    busy.set(n, run);
    return run;
  };

  const restartNode = async (n: RunningNode): Promise<void> => {
    const spec = specs[running.indexOf(n)];
    if (!spec) throw new Error(`internal: no spec for node${n.info.index}`);
    const name = `node${spec.index}`;
    if (isRunning(n)) await stopNode(n, DEFAULT_STOP_TIMEOUT_MS, log);
    if (abort.signal.aborted) throw new Error(`${name}: restart abandoned, the cluster is being stopped`);
    log(`${name}: restarting…`);
    const t0 = Date.now();
    const fresh = await spawnNode(spec, n.paths, spawnOpts, log);
    Object.assign(n.info, fresh.info); // keep the object callers hold in `nodes`
    Object.assign(n, { ...fresh, info: n.info });
    const deadline = t0 + timeoutMs;
    try {
      await waitNodeReady(n, deadline, abort.signal);
    } catch (err) {
      await stopNode(n, DEFAULT_STOP_TIMEOUT_MS, log);
      throw err;
    }
    n.info.startupMs = Date.now() - t0;
    log(`${name}: answers CQL again (pid ${n.info.pid}) after ${(n.info.startupMs / 1000).toFixed(1)} s`);
    const peers = running.filter((p) => p !== n && isRunning(p));
    await waitUntilSeenUp(n, peers, spawnOpts, deadline, log, abort.signal);
    const by = peers.map((p) => `node${p.info.index}`).join(', ') || 'nobody (no other live node)';
    log(`${name}: UP for ${by} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };

  return {
    contactPoints: running.map((n) => `${n.info.address}:${ports.nativePort}`),
    localDataCenter: LOCAL_DATA_CENTER,
    dataDir,
    releaseVersion,
    nodes: running.map((n) => n.info),
    async stop() {
      if (stopped) return;
      stopped = true;
      abort.abort();
      await Promise.allSettled(busy.values());
      await stopStarted();
    },
    kill: (index) =>
      onNode(index, 'kill', async (n) => {
        const t0 = Date.now();
        if (!isRunning(n)) throw new Error(`cannot kill node${n.info.index}: it is not running`);
        await killNode(n);
        log(`node${n.info.index}: killed (SIGKILL, pid ${n.info.pid}, gone after ${Date.now() - t0} ms)`);
      }),
    restart: (index) => onNode(index, 'restart', restartNode),
    stopNode: (index) => onNode(index, 'stop', (n) => stopNode(n, DEFAULT_STOP_TIMEOUT_MS, log)),
  };
}
