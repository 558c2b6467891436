/**
 * Pid files and process lifetime for the JVM launchers (scripts/cassandra, scripts/kafka): is a pid alive, is it
 * still the JVM we started (pids get reused), and a SIGTERM-then-SIGKILL stop.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Alive and not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/**
 * Is `pid` alive and does its command line contain every one of `args` (as whole arguments)? Guards against a pid
 * file that names a pid the OS has since given to another process. Without /proc (not Linux) it trusts the pid.
 */
export function isProcessWithArgs(pid: number, args: readonly string[]): boolean {
  if (!isAlive(pid)) return false;
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.every((a) => argv.includes(a));
  } catch {
    return process.platform !== 'linux';
  }
}

export function readPid(pidFile: string): number | null {
  try {
    const n = Number(fs.readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

/** Removes the pid file if it still names `pid`: a later start may have written its own in the meantime. */
export async function removePidFileOf(pidFile: string, pid: number): Promise<void> {
  if (readPid(pidFile) === pid) await fsp.rm(pidFile, { force: true });
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(200);
  }
  return !isAlive(pid);
}

/** SIGTERM, wait up to timeoutMs, then SIGKILL. Returns how it ended. */
export async function terminate(pid: number, timeoutMs: number): Promise<'gone' | 'term' | 'kill'> {
  if (!isAlive(pid)) return 'gone';
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return 'gone';
  }
  if (await waitForExit(pid, timeoutMs)) return 'term';
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await waitForExit(pid, 10_000);
  return 'kill';
}

/** Resident set size of a process in bytes (VmRSS from /proc), or null if unknown. */
export function residentBytes(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}
