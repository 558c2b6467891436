/** Resident memory of the scaled setup's processes, from /proc (Linux): what `npm run cluster` reports. */
import { readdirSync, readFileSync } from "node:fs";

function statusField(pid: number, field: string): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function processGroupOf(pid: number): number | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(text.slice(text.lastIndexOf(") ") + 2).split(" ")[2]);
  } catch {
    return null;
  }
}

/** RSS in bytes of every process in `pid`'s process group (a `tsx` or `next start` and the node it runs). */
export function groupRssBytes(pid: number): number {
  const group = processGroupOf(pid);
  if (group === null) return 0;
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    if (processGroupOf(Number(entry)) === group) total += statusField(Number(entry), "VmRSS");
  }
  return total;
}

export const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
