import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIGS, parseScaleConfig, parseScaleConfigs } from "./configs";

describe("bench:scale's configurations", () => {
  it("reads the defaults: Kafka follows Cassandra (3 with 3 nodes, else 1)", () => {
    expect(parseScaleConfigs(DEFAULT_CONFIGS)).toEqual([
      { label: "1x-c1", instances: 1, cassandraNodes: 1, kafkaBrokers: 1 },
      { label: "2x-c1", instances: 2, cassandraNodes: 1, kafkaBrokers: 1 },
      { label: "2x-c3", instances: 2, cassandraNodes: 3, kafkaBrokers: 3 },
    ]);
  });

  it("takes an explicit broker count, and names it only when it is not the default", () => {
    expect(parseScaleConfig("2x-c1-k3")).toEqual({ label: "2x-c1-k3", instances: 2, cassandraNodes: 1, kafkaBrokers: 3 });
    expect(parseScaleConfig(" 3X-C3-K3 ")).toEqual({ label: "3x-c3", instances: 3, cassandraNodes: 3, kafkaBrokers: 3 });
  });

  it("refuses what it cannot start", () => {
    expect(() => parseScaleConfig("2x-c2")).toThrow(/x-c<1\|3>/);
    expect(() => parseScaleConfig("0x-c1")).toThrow(/1–8/);
    expect(() => parseScaleConfig("9x-c3")).toThrow(/1–8/);
    expect(() => parseScaleConfigs("1x-c1,1x-c1-k1")).toThrow(/twice/);
    expect(() => parseScaleConfigs(" , ")).toThrow(/no configuration/);
  });
});
