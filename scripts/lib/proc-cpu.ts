/**
 * CPU time of processes, and their process groups, from /proc (Linux): for benchmarks that run the server, the
 * engines and the load generator on one machine and must say which of them used the cores, and for the scaled
 * setup's report of its processes.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on every Linux build in use). */
const TICK_MS = 10;

function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may contain spaces: split after the last ") ".
    return text.slice(text.lastIndexOf(") ") + 2).split(" ");
  } catch {
    return null;
  }
}

/** CPU time (user + system, every thread) the process has used so far, in ms; 0 once it is gone. */
export function cpuMs(pid: number): number {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15 of stat(5), counted from the state field (3) here.
  return fields ? (Number(fields[11]) + Number(fields[12])) * TICK_MS : 0;
}

/** The same, split into user and system (kernel) time. */
export function cpuSplitMs(pid: number): { user: number; system: number } {
  const fields = statFields(pid);
  return fields ? { user: Number(fields[11]) * TICK_MS, system: Number(fields[12]) * TICK_MS } : { user: 0, system: 0 };
}

/** The whole machine's CPU time so far (/proc/stat, every core), in ms: busy (not idle or waiting for I/O) and stolen by the hypervisor. */
export function machineCpuMs(): { busy: number; steal: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  // cpu user nice system idle iowait irq softirq steal guest guest_nice
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
  return { busy: (user! + nice! + system! + irq! + softirq!) * TICK_MS, steal: steal! * TICK_MS };
}

function commandName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === pid) children.push(Number(entry));
  }
  return children;
}

/**
 * CPU time of every process with this command name (e.g. every PostgreSQL backend), in ms, with the time of
 * their children that have exited (cutime, cstime): a backend that ends moves its time to the postmaster's
 * account instead of out of the sum.
 */
export function cpuMsByName(name: string): number {
  let sum = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || commandName(Number(entry)) !== name) continue;
    const fields = statFields(Number(entry));
    if (fields) sum += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS;
  }
  return sum;
}

/**
 * CPU time (user + system) of every process group, by group id, in ms, from one pass over /proc: a server
 * started in a group of its own (a `tsx` shim and the node it runs, `next start`, HAProxy's master and
 * worker) is the sum of its group, whatever its process tree looks like.
 */
export function cpuMsByProcessGroup(): Map<number, number> {
  const groups = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (!fields) continue;
    const group = Number(fields[2]);
    groups.set(group, (groups.get(group) ?? 0) + (Number(fields[11]) + Number(fields[12])) * TICK_MS);
  }
  return groups;
}

/** The process group of `pid`, or null once it is gone. */
export function processGroupOf(pid: number): number | null {
  const fields = statFields(pid);
  return fields ? Number(fields[2]) : null;
}

/** CPU time so far of each of a benchmark's roles (a process, a tier, the machine), in ms, at a moment. */
export interface CpuSnapshot<R extends string> {
  /** Epoch ms (sub-millisecond). */
  at: number;
  ms: Record<R, number>;
}

/** Cores each role used between two snapshots: CPU ms over wall ms. */
export function coresBetween<R extends string>(from: CpuSnapshot<R>, to: CpuSnapshot<R>): Record<R, number> {
  const wall = to.at - from.at;
  return Object.fromEntries(Object.keys(to.ms).map((role) => [role, (to.ms[role as R] - from.ms[role as R]) / wall])) as Record<R, number>;
}

/**
 * The node process that does the work behind `pid`: `pid` itself, or, when it is a wrapper that started
 * one node child (a shim, a CLI that forks its server), that child, followed down.
 */
export function servingPid(pid: number): number {
  let current = pid;
  for (let depth = 0; depth < 4; depth++) {
    const nodeChildren = childrenOf(current).filter((child) => commandName(child) === "node");
    if (nodeChildren.length !== 1) break;
    current = nodeChildren[0]!;
  }
  return current;
}
