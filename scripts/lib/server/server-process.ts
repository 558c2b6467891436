/**
 * A server binary (HAProxy, Redis) run in the foreground as a child of this Node process, its output appended to
 * a log file, tied to our life by scripts/lib/jvm/watchdog.ts (which works for any pid, JVM or not), as the
 * Kafka and Cassandra launchers do. Shared by scripts/haproxy and scripts/redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileSize } from '../jvm/log-tail';
import { killJvm, spawnWatchdog, stopJvm, type JvmHandle } from '../jvm/watchdog';

export interface ServerProcess extends JvmHandle {
  child: ChildProcess;
  /** Byte offset of this start's output in the log file. */
  logOffset: number;
  /** Set once the process has exited: "exit code 1" or "signal SIGKILL". */
  exited(): string | null;
}

export interface SpawnServerOptions {
  /** Shown in `ps` for the watchdog, e.g. `haproxy-watchdog`. */
  name: string;
  logFile: string;
  cwd?: string;
  /** SIGTERM → SIGKILL grace of the watchdog, in seconds. */
  graceSeconds?: number;
}

export async function spawnServer(bin: string, args: readonly string[], o: SpawnServerOptions): Promise<ServerProcess> {
  const logOffset = await fileSize(o.logFile);
  const out = fs.openSync(o.logFile, 'a');
  fs.writeSync(out, `\n=== ${new Date().toISOString()} ${[bin, ...args].join(' ')} ===\n`);
  // own process group: a terminal Ctrl-C reaches Node only, whose handler stops the servers in order
  const child = spawn(bin, args, { cwd: o.cwd, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  spawnError.catch(() => undefined);
  if (child.pid === undefined) {
    await spawnError;
    throw new Error(`could not spawn ${bin}`);
  }
  child.unref(); // the caller decides how long Node lives; the watchdog makes sure the server does not outlive it
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = signal ? `signal ${signal}` : `exit code ${String(code)}`));
  const watchdog = spawnWatchdog(child.pid, o.name, o.graceSeconds ?? 10, child);
  return { pid: child.pid, child, watchdog, logOffset, exited: () => exited };
}

/** SIGTERM, SIGKILL after timeoutMs; resolves once it is reaped. */
export function stopServer(p: ServerProcess, timeoutMs: number): Promise<'gone' | 'term' | 'kill'> {
  return stopJvm({ ...p, timeoutMs });
}

/** SIGKILL at once, as a crash would. */
export function killServer(p: ServerProcess): Promise<void> {
  return killJvm(p);
}
