/**
 * What bench:scale concludes from its levels (pure; summary.test.ts): per configuration, the most runners
 * sustained (not saturated, upload p99 under the limit) and the cores each tier used there; the summary
 * table; and sentences comparing the configurations and naming the busiest tier where each saturated.
 */
import type { CadenceLevel } from "../ingest/cadence-level";
import { saturationBounds } from "../ingest/cadence-level";
import { fmt } from "../ingest/format";
import type { ScaleConfig } from "./configs";
import { SERVER_TIERS, TIER_NAMES, type Tier } from "./tiers";

export type ScaleLevel = CadenceLevel<Tier>;

export interface ConfigResult {
  config: ScaleConfig;
  levels: ScaleLevel[];
  /** Cores of each tier with the stack doing nothing, before the first level (settle.ts). */
  atRest?: Record<Tier, number>;
  /** Set when the configuration could not be measured to the end (the stack did not start, a level threw). */
  error?: string;
}

/** The most runners of a level that was not saturated and answered under `p99LimitMs` at p99. */
export function sustained(levels: readonly ScaleLevel[], p99LimitMs: number): ScaleLevel | undefined {
  return levels.filter((l) => !l.saturated && l.latency.p99 < p99LimitMs).sort((a, b) => b.runners - a.runners)[0];
}

/** Where the configuration ran out: its first saturated level, else its largest. */
export function limitLevel(levels: readonly ScaleLevel[]): ScaleLevel | undefined {
  return saturationBounds(levels).saturated ?? [...levels].sort((a, b) => b.runners - a.runners)[0];
}

const SUMMARY_TIERS: readonly Tier[] = [...SERVER_TIERS, "generator", "machine"];

export const SUMMARY_HEADER = [
  "configuration",
  "machine at rest",
  "runners (p99 < limit)",
  "acked pts/s",
  "upload p99 ms",
  ...SUMMARY_TIERS.map((tier) => `${TIER_NAMES[tier]} cores`),
  "first saturated at",
];

/** "none (p99 195.6 ms at 2,000)": how far the smallest level was from the limit. */
function none(levels: readonly ScaleLevel[]): string {
  const smallest = [...levels].sort((a, b) => a.runners - b.runners)[0];
  return smallest ? `none (p99 ${fmt(smallest.latency.p99, 1)} ms at ${fmt(smallest.runners)})` : "none";
}

export function summaryRow(result: ConfigResult, p99LimitMs: number): string[] {
  const best = sustained(result.levels, p99LimitMs);
  const saturated = saturationBounds(result.levels).saturated;
  const note = result.error ? ` (stopped: ${result.error})` : "";
  return [
    result.config.label,
    result.atRest ? fmt(result.atRest.machine, 2) : "—",
    best ? fmt(best.runners) : none(result.levels),
    best ? fmt(best.ackedPerSecond) : "—",
    best ? fmt(best.latency.p99, 1) : "—",
    ...SUMMARY_TIERS.map((tier) => (best ? fmt(best.cores[tier], 2) : "—")),
    (saturated ? fmt(saturated.runners) : "not saturated") + note,
  ];
}

/** The tiers by cores at a level, busiest first ("upload APIs 0.62, Cassandra 0.48, Kafka 0.31"). */
function busiest(level: ScaleLevel, count = 3): string {
  return [...SERVER_TIERS]
    .sort((a, b) => level.cores[b] - level.cores[a])
    .slice(0, count)
    .map((tier) => `${TIER_NAMES[tier]} ${fmt(level.cores[tier], 2)}`)
    .join(", ");
}

function ratio(a: ScaleLevel | undefined, b: ScaleLevel | undefined): string {
  return a && b && b.ackedPerSecond > 0 ? `points/s ×${fmt(a.ackedPerSecond / b.ackedPerSecond, 2)}` : "no ratio (one of them sustained no level)";
}

const brokers = (n: number) => `${n} Kafka broker${n === 1 ? "" : "s"}`;

const sustainedText = (label: string, level: ScaleLevel | undefined) =>
  level ? `${label} sustained ${fmt(level.runners)} runners (${fmt(level.ackedPerSecond)} pts/s, p99 ${fmt(level.latency.p99, 1)} ms)` : `${label} sustained no level`;

/**
 * Sentences on what the figures say: a second instance against one (same stores), three Cassandra nodes
 * against one (same instances), and for each configuration how busy the machine was where it ran out and
 * which tiers used the most cores there.
 */
export function describeScaling(results: readonly ConfigResult[], machineCores: number, p99LimitMs: number): string[] {
  const sentences: string[] = [];
  const best = (r: ConfigResult) => sustained(r.levels, p99LimitMs);
  for (const more of results) {
    const one = results.find((r) => r.config.instances === 1 && more.config.instances > 1 && r.config.cassandraNodes === more.config.cassandraNodes && r.config.kafkaBrokers === more.config.kafkaBrokers);
    if (!one) continue;
    const [a, b] = [best(more), best(one)];
    const n = more.config.instances;
    const scaled = a && b && a.ackedPerSecond >= 0.95 * n * b.ackedPerSecond;
    const verdict = a && b ? (scaled ? `: ${n} instances of each tier carried ${n} times what one did` : `: ${n} instances of each tier did not carry ${n} times what one did`) : "";
    sentences.push(`${sustainedText(more.config.label, a)}, ${sustainedText(one.config.label, b)}: ${ratio(a, b)}${verdict}.`);
  }
  for (const three of results.filter((r) => r.config.cassandraNodes === 3)) {
    const one = results.find((r) => r.config.cassandraNodes === 1 && r.config.instances === three.config.instances);
    if (!one) continue;
    const [a, b] = [best(three), best(one)];
    const stores = a && b ? `; Cassandra used ${fmt(a.cores.cassandra, 2)} cores against ${fmt(b.cores.cassandra, 2)}, Kafka ${fmt(a.cores.kafka, 2)} against ${fmt(b.cores.kafka, 2)} there` : "";
    sentences.push(
      `Three Cassandra nodes (RF 3) and ${brokers(three.config.kafkaBrokers)} against one node and ${brokers(one.config.kafkaBrokers)}: ` +
        `${sustainedText(three.config.label, a)}, ${sustainedText(one.config.label, b)}: ${ratio(a, b)}${stores}.`,
    );
  }
  for (const result of results) {
    const limit = limitLevel(result.levels);
    if (!limit) continue;
    const share = limit.cores.machine / machineCores;
    const where = limit.saturated ? `where it saturated (${fmt(limit.runners)} runners)` : `at its largest level (${fmt(limit.runners)} runners, not saturated)`;
    const verdict =
      share >= 0.9
        ? `the machine was the limit: busy ${fmt(limit.cores.machine, 2)} of ${machineCores} cores`
        : `the machine still had ${fmt(machineCores - limit.cores.machine, 2)} of ${machineCores} cores idle, so the cores were not what ran out`;
    const rest = result.atRest ? ` At rest, before any load, it took ${fmt(result.atRest.machine, 2)} cores.` : "";
    sentences.push(`${result.config.label} ${where}: ${verdict}; most cores: ${busiest(limit)}; the generator ${fmt(limit.cores.generator, 2)}.${rest}`);
  }
  return sentences;
}
