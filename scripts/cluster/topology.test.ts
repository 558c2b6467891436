import { describe, expect, it } from "vitest";
import { clusterTopology, topologyPorts } from "./topology";

describe("the scaled setup's topology", () => {
  it("puts the public port on 3000 and two instances of each stateless tier by default", () => {
    const topology = clusterTopology();
    expect(topology.publicPort).toBe(3000);
    expect(topology.appPorts).toEqual([3010, 3011]);
    expect(topology.uploadPorts).toEqual([3020, 3021]);
    expect(topology.writerMetricsPorts).toEqual([9464, 9465]);
  });

  it("moves every port by the offset, and no two processes share one", () => {
    const moved = clusterTopology({ offset: 700, instances: 3 });
    expect(moved.publicPort).toBe(3700);
    expect(moved.uploadPorts).toEqual([3720, 3721, 3722]);
    const ports = topologyPorts(moved);
    expect(new Set(ports).size).toBe(ports.length);
    expect(ports.every((port) => port >= 3700)).toBe(true);
  });

  it("refuses a number of instances it cannot lay out", () => {
    expect(() => clusterTopology({ instances: 0 })).toThrow(/1–8/);
    expect(() => clusterTopology({ instances: 9 })).toThrow(/1–8/);
  });
});
