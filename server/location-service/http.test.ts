import { Counter, Registry, collectDefaultMetrics } from "prom-client";
import { describe, expect, it } from "vitest";
import { locationServiceMetricsText } from "./http";

describe("the Location Service's metrics page", () => {
  it("adds the process registry's families the service lacks, Node's default ones once", async () => {
    const service = new Registry();
    collectDefaultMetrics({ register: service });
    new Counter({ name: "location_service_messages_total", help: "h", registers: [service] }).inc(3);
    const shared = new Registry();
    collectDefaultMetrics({ register: shared });
    new Counter({ name: "runcoach_cassandra_queries_test_total", help: "h", registers: [shared] }).inc(2);
    const text = await locationServiceMetricsText(service, shared);
    expect(text).toMatch(/^location_service_messages_total 3$/m);
    expect(text).toMatch(/^runcoach_cassandra_queries_test_total 2$/m);
    expect(text.match(/^# TYPE nodejs_eventloop_lag_seconds /gm)).toHaveLength(1);
    expect(text.match(/^# TYPE process_cpu_seconds_total /gm)).toHaveLength(1);
    // Families separated as prom-client separates them: no family runs into the next.
    expect(text).toMatch(/\n\n# HELP runcoach_cassandra_queries_test_total/);
  });

  it("is the service's page alone without a process registry (METRICS=off)", async () => {
    const service = new Registry();
    new Counter({ name: "location_service_messages_total", help: "h", registers: [service] });
    expect(await locationServiceMetricsText(service, null)).toBe(await service.metrics());
  });
});
