/**
 * Stopping a server JVM and tidying its pid file, with the same log lines either way: a JVM this process started
 * (its watchdog disarmed first), or one that any process finds through the pid file of its data dir.
 */
import fsp from 'node:fs/promises';
import { removePidFileOf, terminate } from './pid-files';
import { stopJvm, type JvmHandle } from './watchdog';

type Log = (line: string) => void;

function stoppedLine(name: string, pid: number, how: 'gone' | 'term' | 'kill', since: number, timeoutMs: number) {
  if (how === 'kill') return `${name}: did not stop within ${timeoutMs / 1000} s, killed (SIGKILL)`;
  return `${name}: stopped (pid ${pid}, ${((Date.now() - since) / 1000).toFixed(1)} s)`;
}

export interface StartedServer extends JvmHandle {
  /** "node1", "broker2": for the log line. */
  name: string;
  pidFile: string;
}

/** SIGTERM (the server shuts down in order), SIGKILL after timeoutMs; silent if the JVM was gone already. */
export async function stopServer(s: StartedServer, timeoutMs: number, log: Log): Promise<void> {
  const t0 = Date.now();
  const how = await stopJvm({ pid: s.pid, child: s.child, watchdog: s.watchdog, timeoutMs });
  await removePidFileOf(s.pidFile, s.pid);
  if (how !== 'gone') log(stoppedLine(s.name, s.pid, how, t0, timeoutMs));
}

export interface PidFileServer {
  name: string;
  pidFile: string;
  /** What the pid file says (null: no pid file, or none readable, which is then left alone). */
  pid: number | null;
  /** Whether that pid is still the server's JVM (and not a process that has since been given the pid). */
  running: boolean;
}

/** Stops a server found through its pid file and removes the file (a stale one too). Returns whether it ran. */
export async function stopServerByPidFile(s: PidFileServer, timeoutMs: number, log: Log): Promise<boolean> {
  if (s.pid === null) return false;
  if (!s.running) {
    await fsp.rm(s.pidFile, { force: true });
    return false;
  }
  const t0 = Date.now();
  const how = await terminate(s.pid, timeoutMs);
  await fsp.rm(s.pidFile, { force: true });
  log(stoppedLine(s.name, s.pid, how, t0, timeoutMs));
  return true;
}
