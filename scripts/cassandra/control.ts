/** Out-of-process control of a data dir's nodes (CLI stop / status), from their pid and state files. */
import path from 'node:path';
import { readPid } from '../lib/jvm/pid-files';
import { stopServerByPidFile } from '../lib/jvm/stop-server';
import { defaultLog, type LogFn } from './install';
import { nodeDirs, nodePaths, readNodeState, type NodeState } from './layout';
import { isOurNode } from './node';

/** SIGTERM → SIGKILL grace: Cassandra drains in ~5 s for one node, ~12 s for three. */
export const DEFAULT_STOP_TIMEOUT_MS = 60_000;

export interface NodeStatus {
  index: number;
  dir: string;
  pid: number | null;
  running: boolean;
  state: NodeState | null;
}

/** The node<N> dirs of a data dir, with pid / liveness / saved ports. */
export async function clusterStatus(dataDir: string): Promise<NodeStatus[]> {
  const root = path.resolve(dataDir);
  return (await nodeDirs(root)).map((index) => {
    const p = nodePaths(root, index);
    const pid = readPid(p.pidFile);
    return { index, dir: p.dir, pid, running: pid !== null && isOurNode(pid, p.dir), state: readNodeState(p) };
  });
}

/** Stops every node of `dataDir` found via pid files (any process may call it). Returns how many were stopped. */
export async function stopCluster(
  dataDir: string,
  opts: { log?: LogFn; timeoutMs?: number } = {},
): Promise<number> {
  const log = opts.log ?? defaultLog;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
  const root = path.resolve(dataDir);
  const nodes = await clusterStatus(root);
  const stopped = await Promise.all(
    nodes.map(({ index, pid, running }) => {
      const { pidFile } = nodePaths(root, index);
      return stopServerByPidFile({ name: `node${index}`, pidFile, pid, running }, timeoutMs, log);
    }),
  );
  return stopped.filter(Boolean).length;
}
