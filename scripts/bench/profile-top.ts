/**
 * `npx tsx scripts/bench/profile-top.ts <file.cpuprofile> [top] [from-s:to-s]`: where a V8 CPU profile
 * (node --cpu-prof, BENCH_CPU_PROFILE) spent its time, without DevTools: self time by package
 * (node_modules/<package>, the project's own folders, Node's internals, GC, idle), the top functions by self
 * time and by total time (the function and what it called), each with its share of the busy (non-idle)
 * time. A window (seconds from the profile's start, e.g. 40:70) leaves out start-up and warm-up.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, topArg, windowArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: tsx scripts/bench/profile-top.ts <file.cpuprofile> [top] [from-s:to-s]");
  process.exit(2);
}
const top = Number(topArg ?? 25);
const [fromS, toS] = (windowArg ?? "0:Infinity").split(":").map(Number) as [number, number];
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const root = process.cwd();
const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

/** Self time per node, from the samples (inside the window) and their time deltas (µs). */
const selfUs = new Map<number, number>();
/** Total time per function: each sample counts once for every distinct function on its stack. */
const totalByFunction = new Map<string, number>();
let elapsedUs = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  elapsedUs += delta;
  if (elapsedUs < fromS * 1e6 || elapsedUs > toS * 1e6) return;
  selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const key = functionKey(nodesById.get(at)!);
    if (seen.has(key)) continue;
    seen.add(key);
    totalByFunction.set(key, (totalByFunction.get(key) ?? 0) + delta);
  }
});

function functionKey(node: ProfileNode): string {
  const where = node.callFrame.url ? `${path.basename(node.callFrame.url)}:${node.callFrame.lineNumber + 1}` : "";
  return `${node.callFrame.functionName || "(anonymous)"} ${where} [${group(node)}]`;
}

function group(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node: internals";
  const local = url.startsWith("file://") ? new URL(url).pathname : url;
  const modules = local.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const rest = local.slice(modules + "/node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const relative = path.relative(root, local);
  return relative.startsWith("..") ? local : relative.split("/").slice(0, 2).join("/");
}

const byGroup = new Map<string, number>();
const byFunction = new Map<string, number>();
let totalUs = 0;
let idleUs = 0;
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (us === 0) continue;
  totalUs += us;
  if (node.callFrame.functionName === "(idle)") idleUs += us;
  const name = group(node);
  byGroup.set(name, (byGroup.get(name) ?? 0) + us);
  const key = functionKey(node);
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}
const busyUs = totalUs - idleUs;
const ms = (us: number) => (us / 1000).toFixed(0).padStart(8);
const share = (us: number) => `${((100 * us) / busyUs).toFixed(1).padStart(5)} %`;

const window = windowArg ? ` (window ${windowArg} s)` : "";
console.log(`${file}${window}: ${(totalUs / 1e6).toFixed(1)} s profiled, ${(busyUs / 1e6).toFixed(1)} s busy (${((100 * busyUs) / totalUs).toFixed(0)} %)\n`);
console.log("self time by package (share of busy time)");
for (const [name, us] of [...byGroup].filter(([name]) => name !== "(idle)").sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${ms(us)} ms  ${share(us)}  ${name}`);
}
console.log(`\ntop ${top} functions by self time`);
for (const [name, us] of [...byFunction].filter(([name]) => !name.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${ms(us)} ms  ${share(us)}  ${name}`);
}
console.log(`\ntop ${top} functions by total time (with what they called)`);
const skipTotal = /^\((root|program|idle|garbage collector)\)/;
for (const [name, us] of [...totalByFunction].filter(([name]) => !skipTotal.test(name)).sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${ms(us)} ms  ${share(us)}  ${name}`);
}
