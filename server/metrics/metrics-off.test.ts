/** METRICS=off: nothing is made, nothing is observed, and the endpoint says so. */
import { afterAll, describe, expect, it, vi } from "vitest";

vi.stubEnv("METRICS", "off");

describe("METRICS=off", () => {
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it("makes no registry, no metrics, no Cassandra tracker, and answers the scrape 404", async () => {
    const { processRegistry, metricsEnabled } = await import("./registry");
    const { getServerMetrics } = await import("./server-metrics");
    const { cassandraRequestTracker } = await import("./cassandra-tracker");
    const { answerMetrics } = await import("./endpoint");
    expect(metricsEnabled()).toBe(false);
    expect(processRegistry()).toBeNull();
    expect(getServerMetrics()).toBeNull();
    expect(cassandraRequestTracker()).toBeUndefined();
    const answer = await answerMetrics(null);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatch(/METRICS=off/);
  });
});
