/**
 * The process's one Prometheus registry (prom-client), with Node's default metrics: event-loop lag
 * (`nodejs_eventloop_lag_seconds` and its percentiles), GC, heap, CPU, open handles. Kept on globalThis, like
 * the database and the Kafka producer, so every bundle Next makes of the server code (the tRPC endpoint, the
 * app's route handlers, instrumentation) fills and serves the same one. With METRICS=off there is none, and
 * every caller of `processRegistry()` or `getServerMetrics()` skips its work on a null.
 */
import { collectDefaultMetrics, Registry } from "prom-client";
import { env } from "../env";

const globalForMetrics = globalThis as unknown as { runcoachMetricsRegistry?: Registry };

export function metricsEnabled(): boolean {
  return env().METRICS === "on";
}

/** The registry every metric of this process goes into; null when METRICS=off. */
export function processRegistry(): Registry | null {
  if (!metricsEnabled()) return null;
  if (!globalForMetrics.runcoachMetricsRegistry) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    globalForMetrics.runcoachMetricsRegistry = registry;
  }
  return globalForMetrics.runcoachMetricsRegistry;
}
