/**
 * Spawning a server JVM (a Cassandra node, a Kafka broker): stdout and stderr appended to its console log under a
 * banner line, its own process group, its pid in a pid file and, unless it is to outlive us, a watchdog.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { spawnWatchdog } from './watchdog';

/** Seconds between the watchdog's SIGTERM and its SIGKILL. */
const WATCHDOG_GRACE_SECONDS = 60;

export interface ServerSpawn {
  java: string;
  args: readonly string[];
  cwd: string;
  /** Default: this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Appended to, after a line `=== <ISO time> <banner> ===`, so each start's output can be told apart. */
  consoleLog: string;
  banner: string;
  pidFile: string;
  /** The watchdog's name in `ps`; null for a detached server, which must outlive this process. */
  watchdog: string | null;
}

export interface SpawnedServer {
  pid: number;
  child: ChildProcess;
  watchdog: ChildProcess | null;
}

export async function spawnServer(s: ServerSpawn): Promise<SpawnedServer> {
  const out = fs.openSync(s.consoleLog, 'a');
  fs.writeSync(out, `\n=== ${new Date().toISOString()} ${s.banner} ===\n`);
  // own process group either way: a terminal Ctrl-C reaches Node only, whose handler stops the servers in order
  const child = spawn(s.java, s.args, { cwd: s.cwd, stdio: ['ignore', out, out], detached: true, env: s.env });
  fs.closeSync(out);
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  spawnError.catch(() => undefined);
  if (child.pid === undefined) {
    await spawnError;
    throw new Error(`could not spawn ${s.java}`);
  }
  // the JVM does not keep the event loop alive: the caller decides how long to live
  child.unref();
  const pid = child.pid;
  // The watchdog before the first await: if this process dies while the event loop runs other work (it once died of
  // an EPIPE on stdout right after spawning a node), a JVM spawned without one would be left running for good.
  const watchdog = s.watchdog === null ? null : spawnWatchdog(pid, s.watchdog, WATCHDOG_GRACE_SECONDS, child);
  await fsp.writeFile(s.pidFile, `${pid}\n`);
  return { pid, child, watchdog };
}
