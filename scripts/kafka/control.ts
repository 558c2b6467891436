/** Out-of-process control of a data dir's brokers (CLI stop / status / topics), from pid and state files. */
import path from 'node:path';
import { readPid } from '../lib/jvm/pid-files';
import { stopServerByPidFile } from '../lib/jvm/stop-server';
import { isOurBroker } from './broker';
import { defaultLog } from './install';
import { brokerDirs, brokerPaths, readBrokerState, type BrokerState } from './layout';

/** SIGTERM → SIGKILL grace: a controlled shutdown takes ~1 s, up to ~10 s while a dead peer is not yet fenced. */
export const DEFAULT_STOP_TIMEOUT_MS = 60_000;

export interface BrokerStatus {
  nodeId: number;
  dir: string;
  pid: number | null;
  running: boolean;
  state: BrokerState | null;
}

/** The broker<N> dirs of a data dir, with pid / liveness / saved ports (from the pid and state files). */
export async function kafkaStatus(dataDir: string): Promise<BrokerStatus[]> {
  const root = path.resolve(dataDir);
  return (await brokerDirs(root)).map((nodeId) => {
    const p = brokerPaths(root, nodeId);
    const pid = readPid(p.pidFile);
    return { nodeId, dir: p.dir, pid, running: pid !== null && isOurBroker(pid, p), state: readBrokerState(p) };
  });
}

/** Stops every broker of `dataDir` found via pid files (any process may call it). Returns how many were stopped. */
export async function stopKafka(
  dataDir: string,
  opts: { log?: (line: string) => void; timeoutMs?: number } = {},
): Promise<number> {
  const log = opts.log ?? defaultLog;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
  const brokers = await kafkaStatus(dataDir);
  const stopped = await Promise.all(
    brokers.map(({ nodeId, pid, running }) => {
      const pidFile = brokerPaths(path.resolve(dataDir), nodeId).pidFile;
      return stopServerByPidFile({ name: `broker${nodeId}`, pidFile, pid, running }, timeoutMs, log);
    }),
  );
  return stopped.filter(Boolean).length;
}
