/**
 * Tying a spawned JVM's life to this Node process, and stopping it again.
 *
 * A JVM is spawned `detached` (own process group, so a terminal Ctrl-C reaches only Node, whose handler stops the
 * servers in order). To make sure it still never outlives Node — even when Node is SIGKILLed and no handler runs —
 * each JVM gets a tiny `sh` watchdog whose stdin is a pipe from this process: on EOF (we exited, however) it sends
 * the JVM SIGTERM, then SIGKILL after a grace period. Detached servers (`--detach`) simply get no watchdog.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { terminate, waitForExit } from './pid-files';

/** Starts the watchdog for `jvmPid`; `name` shows in `ps`. Disarmed automatically when `child` exits. */
export function spawnWatchdog(jvmPid: number, name: string, graceSeconds = 60, child?: ChildProcess): ChildProcess {
  const script = [
    'while read -r _; do :; done',
    'kill -TERM "$1" 2>/dev/null || exit 0',
    'i=0',
    `while kill -0 "$1" 2>/dev/null && [ "$i" -lt ${graceSeconds * 10} ]; do sleep 0.1; i=$((i+1)); done`,
    'kill -KILL "$1" 2>/dev/null',
    'exit 0',
  ].join('\n');
  const wd = spawn('sh', ['-c', script, name, String(jvmPid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true, // own process group: a terminal Ctrl-C does not kill it before it can act
  });
  wd.on('error', () => undefined);
  wd.stdin?.on('error', () => undefined);
  wd.unref();
  // neither the watchdog nor its pipe keeps the event loop alive: the caller decides how long to live
  (wd.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  // once the JVM is gone its pid may be reused: the watchdog must not signal it any more
  child?.once('exit', () => disarmWatchdog(wd));
  return wd;
}

/** Stops a watchdog without letting it act (before an orderly stop, or once its JVM has exited). */
export function disarmWatchdog(wd: ChildProcess | null): void {
  if (wd && wd.exitCode === null && wd.signalCode === null && wd.pid) {
    try {
      process.kill(wd.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

export function childExited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Waits (≤ timeoutMs) until Node has reaped our child; the timer also keeps the event loop alive meanwhile. */
async function reaped(child: ChildProcess | null, timeoutMs: number): Promise<void> {
  if (!child) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([childExited(child), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
  clearTimeout(timer);
}

export interface JvmHandle {
  pid: number;
  /** Set if this process spawned it: then we also wait until it is reaped, so no zombie is left. */
  child: ChildProcess | null;
  watchdog: ChildProcess | null;
}

/** Orderly stop of a JVM: disarm its watchdog, SIGTERM, SIGKILL after timeoutMs. */
export async function stopJvm(p: JvmHandle & { timeoutMs: number }): Promise<'gone' | 'term' | 'kill'> {
  disarmWatchdog(p.watchdog);
  const how = await terminate(p.pid, p.timeoutMs);
  await reaped(p.child, 5000);
  return how;
}

/** SIGKILL at once, as a crash would: no shutdown hook runs. */
export async function killJvm(p: JvmHandle): Promise<void> {
  disarmWatchdog(p.watchdog);
  try {
    process.kill(p.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await waitForExit(p.pid, 10_000);
  await reaped(p.child, 5000);
}
