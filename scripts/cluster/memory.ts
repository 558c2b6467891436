/** Resident memory of the scaled setup's processes, from /proc (Linux): what `npm run cluster` reports. */
import { readdirSync, readFileSync } from "node:fs";
import { processGroupOf } from "../lib/proc-cpu";

function rssBytes(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * RSS in bytes of every process group, by group id, from one pass over /proc: a server in a group of its own
 * (a `tsx` or `next start` and the node it runs, a JVM, HAProxy's master and worker) is the sum of its group.
 */
export function rssByProcessGroup(): Map<number, number> {
  const groups = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const group = processGroupOf(Number(entry));
    if (group !== null) groups.set(group, (groups.get(group) ?? 0) + rssBytes(Number(entry)));
  }
  return groups;
}

export const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
