/**
 * docs/grafana/runcoach.json asks only for series the code makes: every metric name in its queries is one
 * the server metrics, the scrape-time gauges, the Location Service or Node's default metrics register.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Registry, collectDefaultMetrics } from "prom-client";
import { describe, expect, it } from "vitest";
import { createLiveMetrics } from "../live/live-metrics";
import { createLocationServiceMetrics } from "../location-service/metrics";
import { registerGroupLag } from "./group-lag";
import { registerPgPoolMetrics } from "./pg-pool";
import { createServerMetrics } from "./server-metrics";

interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: Array<{ expr: string; datasource?: { uid: string } }>;
}

const dashboard = JSON.parse(readFileSync(path.join(process.cwd(), "docs", "grafana", "runcoach.json"), "utf8")) as {
  templating: { list: Array<{ name: string; type: string; query: string }> };
  panels: Panel[];
};

function knownNames(): Set<string> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  createServerMetrics(registry);
  createLiveMetrics(registry);
  registerGroupLag(registry, { brokers: ["127.0.0.1:1"], topicPrefix: "unused", partitions: 1, replicationFactor: 1, produceTimeoutMs: 100, lingerMs: 0 });
  registerPgPoolMetrics(registry, () => null);
  const names = new Set(registry.getMetricsAsArray().map((metric) => metric.name));
  for (const metric of createLocationServiceMetrics().registry.getMetricsAsArray()) names.add(metric.name);
  return names;
}

/** Metric names in a PromQL expression: identifiers followed by `{`, `[` or `)` that are not functions or labels. */
function namesIn(expr: string): string[] {
  const withoutLabels = expr.replace(/\{[^}]*\}/g, "{}").replace(/\bby \([^)]*\)/g, "");
  return [...withoutLabels.matchAll(/\b([a-z_][a-z0-9_]*)\s*(?=[{[)])/g)].map((m) => m[1]!).filter((name) => name.includes("_"));
}

describe("the Grafana dashboard", () => {
  const queries = dashboard.panels.flatMap((panel) => panel.targets ?? []);

  it("takes its Prometheus data source as a variable, in every panel and query", () => {
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: "datasource", type: "datasource", query: "prometheus" }));
    for (const panel of dashboard.panels.filter((p) => p.type !== "row")) {
      expect(panel.datasource?.uid, panel.title).toBe("${datasource}");
      for (const target of panel.targets ?? []) expect(target.datasource?.uid, panel.title).toBe("${datasource}");
    }
    expect(queries.length).toBeGreaterThan(20);
  });

  it("queries only metrics the code registers", () => {
    const known = knownNames();
    // The archiver's metrics are checked once the Location Service registers any of them.
    const archiverKnown = [...known].some((name) => name.startsWith("archiver_"));
    const unknown = new Set<string>();
    for (const { expr } of queries) {
      for (const name of namesIn(expr)) {
        const base = name.replace(/_(bucket|count|sum)$/, "");
        if (!archiverKnown && base.startsWith("archiver_")) continue;
        if (!known.has(name) && !known.has(base)) unknown.add(name);
      }
    }
    expect([...unknown]).toEqual([]);
    expect(namesIn('histogram_quantile(0.99, sum by (le) (rate(runcoach_x_bucket{a="b"}[5m])))')).toEqual(["runcoach_x_bucket"]);
  });
});
