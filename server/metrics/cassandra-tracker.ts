/**
 * Cassandra latency by statement from the driver itself: a `requestTracker` (cassandra-driver's hook, called
 * once per request attempt with its latency) that observes `runcoach_cassandra_query_duration_seconds`,
 * labelled by the statement's short name (statement-name.ts), never its text or values.
 */
import cassandra from "cassandra-driver";
import type { Histogram } from "prom-client";
import { getServerMetrics } from "./server-metrics";
import { createStatementNamer } from "./statement-name";

type Tracker = cassandra.tracker.RequestTracker;
type DriverQuery = Parameters<Tracker["onSuccess"]>[1];

// The typings declare RequestTracker as an interface; the driver wants an instance of its class.
const RequestTrackerBase = (cassandra.tracker as unknown as { RequestTracker: new () => Tracker }).RequestTracker;

const seconds = (latency: readonly number[]) => (latency[0] ?? 0) + (latency[1] ?? 0) / 1e9;

export class StatementLatencyTracker extends RequestTrackerBase {
  private readonly nameOf = createStatementNamer();

  constructor(private readonly histogram: Histogram<"statement" | "outcome">) {
    super();
  }

  override onSuccess(...args: Parameters<Tracker["onSuccess"]>): void {
    this.observe(args[1], "success", args[6]);
  }

  override onError(...args: Parameters<Tracker["onError"]>): void {
    this.observe(args[1], "error", args[6]);
  }

  override shutdown(): void {
    // Shared by every client of the process: one client's shutdown leaves it to the others.
  }

  private observe(query: DriverQuery, outcome: "success" | "error", latency: number[]) {
    this.histogram.observe({ statement: this.nameOf(query), outcome }, seconds(latency));
  }
}

const globalForTracker = globalThis as unknown as { runcoachCassandraTracker?: StatementLatencyTracker };

/** The process's tracker for cassandra.Client's `requestTracker` option; undefined when METRICS=off. */
export function cassandraRequestTracker(): StatementLatencyTracker | undefined {
  const metrics = getServerMetrics();
  if (!metrics) return undefined;
  if (globalForTracker.runcoachCassandraTracker) return globalForTracker.runcoachCassandraTracker;
  globalForTracker.runcoachCassandraTracker = new StatementLatencyTracker(metrics.cassandraQuerySeconds);
  return globalForTracker.runcoachCassandraTracker;
}
