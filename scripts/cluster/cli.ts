/**
 * `npm run cluster` (= `npm run up -- --scale`): the scaled setup on http://localhost:3000 with seeded data,
 * until Ctrl-C, which stops all of it. Its stores live in .data/cluster/ (kept across runs, like the small
 * setup's), its PostgreSQL database is `runcoach_cluster` on the machine's server (CLUSTER_DATABASE to
 * change it). The small `npm run up` and this one use the same public port: run one at a time.
 */
import path from "node:path";
import { localAuthSecret } from "../lib/auth-secret";
import { formatMs } from "../lib/processes";
import { processGroupOf } from "../lib/proc-cpu";
import { mib, rssByProcessGroup } from "./memory";
import { startScaledStack, type ScaledStack } from "./scaled-stack";
import { clusterTopology } from "./topology";

const DATA = path.join(process.cwd(), ".data");
const USAGE = "usage: npm run cluster  (= npm run up -- --scale; no options: CLUSTER_DATABASE names the PostgreSQL database)";
if (process.argv.length > 2) {
  // Anything given is a question (--help) or a mistake: answer it rather than start six servers and three JVMs.
  console.log(USAGE);
  process.exit(process.argv.includes("--help") || process.argv.includes("-h") ? 0 : 2);
}
const started = Date.now();
let stack: ScaledStack | undefined;
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\n› stopping the scaled setup…");
  await stack?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));
// Output piped into a reader that went away (`npm run cluster | head`): stop everything in order, as Ctrl-C does,
// instead of dying of the EPIPE and leaving the servers to their watchdogs.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") void stopAll(0);
  });
}

function summary(s: ScaledStack): string[] {
  const rows: [string, number | undefined][] = [
    ...s.cassandra.nodes.map((node): [string, number] => [`cassandra ${node.address}:${node.nativePort}`, node.pid]),
    ...s.kafka.brokers.map((broker, i): [string, number] => [`kafka broker ${i + 1} ${s.kafka.bootstrapServers[i]}`, broker.pid]),
    [`redis ${s.redis.url}`, s.redis.pid],
    ...[...s.writers, ...s.uploads, ...s.apps].map((service): [string, number | undefined] => [service.name, service.pid]),
    [`haproxy ${s.url}`, s.haproxy.pid],
  ];
  const rssOf = rssByProcessGroup();
  let total = 0;
  const lines = rows.map(([name, pid]) => {
    const group = pid ? processGroupOf(pid) : null;
    const rss = group === null ? 0 : (rssOf.get(group) ?? 0);
    total += rss;
    return `  ${name.padEnd(38)} pid ${String(pid ?? "-").padEnd(8)} ${mib(rss)}`;
  });
  return [...lines, `  ${"resident memory, all of it".padEnd(38)} ${"".padEnd(12)} ${mib(total)}`];
}

async function main() {
  const topology = clusterTopology();
  stack = await startScaledStack({
    topology,
    dataDir: path.join(DATA, "cluster"),
    databaseName: process.env.CLUSTER_DATABASE ?? "runcoach_cluster",
    keyspace: "runcoach",
    topicPrefix: "runcoach",
    authSecret: localAuthSecret(DATA),
  });
  for (const service of [...stack.apps, ...stack.uploads, ...stack.writers]) {
    // The load balancer routes around a dead server; say so, but keep the rest serving.
    service.onUnexpectedExit((code) => console.error(`! ${service.name} exited (code ${code}); see .data/cluster/logs/${service.name}.log`));
  }
  console.log(summary(stack).join("\n"));
  console.log(`  HAProxy stats: http://127.0.0.1:${topology.haproxyStatsPort}/  (Prometheus: /metrics)`);
  console.log(`\n› RunCoach (scaled) at ${stack.url}, ready in ${formatMs(Date.now() - started)}; Ctrl-C stops it\n`);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
});
