/**
 * The tiers bench:scale accounts CPU to, and where it reads each from: every server of the scaled stack runs
 * in a process group of its own (a `tsx` shim and the node it starts, `next start`, HAProxy's master and
 * worker, each JVM), so a server's CPU is its group's, summed over the tier's instances. PostgreSQL is every
 * `postgres` process of the machine's server; the generator is this process (the phones' threads included);
 * the machine is /proc/stat's busy time (every process and the kernel: loopback networking is softirq time).
 */
import type { ScaledStack } from "../../cluster/scaled-stack";
import { clock } from "../ingest/load";
import { cpuMs, cpuMsByName, cpuMsByProcessGroup, machineCpuMs, type CpuSnapshot } from "../../lib/proc-cpu";

export type Tier = "haproxy" | "apps" | "uploads" | "writers" | "kafka" | "cassandra" | "redis" | "postgres" | "generator" | "machine" | "steal";

export const TIERS: readonly Tier[] = ["haproxy", "apps", "uploads", "writers", "kafka", "cassandra", "redis", "postgres", "generator", "machine", "steal"];

export const TIER_NAMES: Record<Tier, string> = {
  haproxy: "HAProxy",
  apps: "app servers",
  uploads: "upload APIs",
  writers: "writers",
  kafka: "Kafka",
  cassandra: "Cassandra",
  redis: "Redis",
  postgres: "PostgreSQL",
  generator: "generator",
  machine: "whole machine",
  steal: "stolen",
};

/** The tiers that are servers of the stack (not the generator, the machine or the hypervisor). */
export const SERVER_TIERS: readonly Tier[] = ["haproxy", "apps", "uploads", "writers", "kafka", "cassandra", "redis", "postgres"];

export function tierCpu(stack: ScaledStack): () => CpuSnapshot<Tier> {
  return () => {
    const groups = cpuMsByProcessGroup();
    // Every server was started detached, so its pid is its process group's id.
    const sum = (pids: readonly (number | undefined)[]) => pids.reduce<number>((ms, pid) => ms + (pid ? (groups.get(pid) ?? 0) : 0), 0);
    const { busy, steal } = machineCpuMs();
    return {
      at: clock(),
      ms: {
        haproxy: sum([stack.haproxy.pid]),
        apps: sum(stack.apps.map((s) => s.pid)),
        uploads: sum(stack.uploads.map((s) => s.pid)),
        writers: sum(stack.writers.map((s) => s.pid)),
        kafka: sum(stack.kafka.brokers.map((b) => b.pid)),
        cassandra: sum(stack.cassandra.nodes.map((n) => n.pid)),
        redis: sum([stack.redis.pid]),
        postgres: cpuMsByName("postgres"),
        generator: cpuMs(process.pid),
        machine: busy,
        steal,
      },
    };
  };
}
