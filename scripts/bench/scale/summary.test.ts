import { describe, expect, it } from "vitest";
import { parseScaleConfig } from "./configs";
import { describeScaling, limitLevel, summaryRow, sustained, type ConfigResult, type ScaleLevel } from "./summary";
import { TIERS, type Tier } from "./tiers";

function level(runners: number, p99: number, saturated: boolean, cores: Partial<Record<Tier, number>> = {}): ScaleLevel {
  const all = Object.fromEntries(TIERS.map((tier) => [tier, cores[tier] ?? 0])) as Record<Tier, number>;
  return {
    runners,
    offeredPerSecond: runners / 3,
    ackedPerSecond: saturated ? runners / 4 : runners / 3,
    batches: 0,
    meanBatch: 5,
    latency: { p50: p99 / 4, p95: p99 / 2, p99 },
    lagP99Ms: 300,
    lagMaxBoundS: 1,
    cores: all,
    cpuMs: all,
    loopDelayP99Ms: 10,
    utilization: 0.3,
    backlog: 0,
    failures: 0,
    saturated: saturated ? "upload p99 > upload interval" : null,
  };
}

const one: ConfigResult = {
  config: parseScaleConfig("1x-c1"),
  levels: [level(2_000, 20, false), level(4_000, 60, false, { uploads: 0.4 }), level(8_000, 400, false), level(16_000, 9_000, true, { uploads: 0.9, cassandra: 0.5, kafka: 0.3, machine: 1.95 }), level(12_000, 3_000, false)],
};
const two: ConfigResult = {
  config: parseScaleConfig("2x-c1"),
  levels: [level(2_000, 20, false), level(4_000, 40, false), level(8_000, 90, false, { uploads: 0.7 }), level(16_000, 9_000, true, { uploads: 1.1, machine: 1.98 })],
};
const three: ConfigResult = {
  config: parseScaleConfig("2x-c3"),
  atRest: level(0, 0, false, { machine: 0.42 }).cores,
  levels: [level(2_000, 30, false, { cassandra: 0.6 }), level(4_000, 9_000, true, { cassandra: 1.2, machine: 1.2 })],
};

describe("bench:scale's summary", () => {
  it("takes the most runners that were not saturated and under the p99 limit", () => {
    expect(sustained(one.levels, 100)?.runners).toBe(4_000);
    expect(sustained(two.levels, 100)?.runners).toBe(8_000);
    expect(sustained([level(2_000, 150, false)], 100)).toBeUndefined();
    expect(limitLevel(one.levels)?.runners).toBe(16_000);
    expect(limitLevel([level(2_000, 10, false), level(4_000, 10, false)])?.runners).toBe(4_000);
  });

  it("prints a row with the cores per tier at the sustained level and where it first saturated", () => {
    const row = summaryRow(one, 100);
    expect(row.slice(0, 5)).toEqual(["1x-c1", "—", "4,000", "1,333", "60.0"]);
    expect(summaryRow(three, 100).slice(0, 3)).toEqual(["2x-c3", "0.42", "2,000"]);
    expect(summaryRow({ ...three, levels: three.levels.slice(1) }, 100)[2]).toBe("none (p99 9,000.0 ms at 4,000)");
    expect(row).toContain("0.40");
    expect(row.at(-1)).toBe("16,000");
    expect(summaryRow({ config: one.config, levels: [], error: "haproxy refused" }, 100).at(-1)).toBe("not saturated (stopped: haproxy refused)");
  });

  it("compares two instances with one, three nodes with one, and names the busiest tiers where each saturated", () => {
    const text = describeScaling([one, two, three], 2, 100);
    expect(text[0]).toMatch(/^2x-c1 sustained 8,000 runners .*1x-c1 sustained 4,000 runners .*points\/s ×2\.00: 2 instances of each tier carried 2 times/);
    expect(text[1]).toMatch(/^Three Cassandra nodes .*2x-c3 sustained 2,000 .*2x-c1 sustained 8,000 .*points\/s ×0\.25; Cassandra used 0\.60 cores against 0\.00/);
    expect(text[2]).toMatch(/^1x-c1 where it saturated \(16,000 runners\): the machine was the limit: busy 1\.95 of 2 cores; most cores: upload APIs 0\.90, Cassandra 0\.50, Kafka 0\.30/);
    expect(text[4]).toMatch(/^2x-c3 .*0\.80 of 2 cores idle.* At rest, before any load, it took 0\.42 cores\.$/);
  });
});
