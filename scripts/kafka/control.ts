/** Out-of-process control of a data dir's brokers (CLI stop / status / topics), from pid and state files. */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { readPid, terminate } from '../lib/jvm/pid-files';
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
  let count = 0;
  await Promise.all(
    brokers.map(async (b) => {
      const pidFile = brokerPaths(path.resolve(dataDir), b.nodeId).pidFile;
      if (b.pid === null) return;
      if (b.running) {
        const t0 = Date.now();
        const how = await terminate(b.pid, timeoutMs);
        count++;
        const secs = ((Date.now() - t0) / 1000).toFixed(1);
        log(
          how === 'kill'
            ? `broker${b.nodeId}: did not stop within ${timeoutMs / 1000} s, killed (SIGKILL)`
            : `broker${b.nodeId}: stopped (pid ${b.pid}, ${secs} s)`,
        );
      }
      await fsp.rm(pidFile, { force: true });
    }),
  );
  return count;
}
