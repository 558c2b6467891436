/**
 * Runs a real Redis (Debian's redis-server, installed on first use) on its own port as a child of this Node
 * process with a watchdog, so it never outlives Node; kill() and restart() let a fault test take it away and
 * bring it back. It never touches another Redis (the machine's own on 6379): a busy port is an error. See
 * README.md next to this file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { tailLines } from '../lib/jvm/log-tail';
import { sleep } from '../lib/jvm/pid-files';
import { portFree } from '../lib/jvm/ports';
import { killServer, spawnServer, stopServer, type ServerProcess } from '../lib/server/server-process';
import { redisServerArgs } from './config';
import { defaultLog, ensureRedis } from './install';
import { redisPongs } from './ping';

export { ensureRedis } from './install';

const DEFAULT_START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;

export interface StartRedisOptions {
  port: number;
  /** Its working dir and redis.log (created if missing). */
  dataDir: string;
  log?: (line: string) => void;
  /** Until it answers PING (default 10 000 ms). */
  startTimeoutMs?: number;
}

export interface Redis {
  url: string;
  port: number;
  /** Changes on restart. */
  pid: number;
  logFile: string;
  /** SIGTERM (Redis shuts down; nothing to save), SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash would. For fault tests. */
  kill(): Promise<void>;
  /** Starts it again on the same port (stopping it first if it runs); resolves once it answers PING. */
  restart(): Promise<void>;
}

export async function startRedis(opts: StartRedisOptions): Promise<Redis> {
  const log = opts.log ?? defaultLog;
  const dataDir = path.resolve(opts.dataDir);
  const logFile = path.join(dataDir, 'redis.log');
  const args = redisServerArgs({ port: opts.port, dataDir });
  const bin = await ensureRedis(log);
  await fs.mkdir(dataDir, { recursive: true });

  const launch = async (): Promise<ServerProcess> => {
    if (!(await portFree('127.0.0.1', opts.port))) {
      throw new Error(`redis: port 127.0.0.1:${opts.port} is already in use by another process`);
    }
    const t0 = Date.now();
    const proc = await spawnServer(bin, args, { name: 'redis-watchdog', logFile, cwd: dataDir });
    const deadline = t0 + (opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    for (;;) {
      const gone = proc.exited();
      const late = Date.now() > deadline;
      if (gone || late) {
        if (late) await stopServer(proc, STOP_TIMEOUT_MS);
        const lines = await tailLines(logFile, proc.logOffset, 15);
        const why = gone ? `exited during start-up (${gone})` : `did not answer PING within ${deadline - t0} ms`;
        throw new Error([`redis-server ${why}`, `--- last lines of ${logFile}:`, ...lines].join('\n'));
      }
      if (await redisPongs(opts.port, 500)) break;
      await sleep(25);
    }
    log(`Redis up on 127.0.0.1:${opts.port} in ${Date.now() - t0} ms (pid ${proc.pid}, ${logFile})`);
    return proc;
  };

  let proc = await launch();
  const handle: Redis = {
    url: `redis://127.0.0.1:${opts.port}`,
    port: opts.port,
    pid: proc.pid,
    logFile,
    async stop() {
      if (proc.exited()) return;
      await stopServer(proc, STOP_TIMEOUT_MS);
      log(`Redis stopped (pid ${proc.pid})`);
    },
    async kill() {
      await killServer(proc);
      log(`Redis killed (SIGKILL, pid ${proc.pid})`);
    },
    async restart() {
      if (!proc.exited()) await stopServer(proc, STOP_TIMEOUT_MS);
      proc = await launch();
      handle.pid = proc.pid;
    },
  };
  return handle;
}
