/**
 * The metrics of the app servers and the upload API (and, for Cassandra, of every process with a client),
 * made once in the process registry. `getServerMetrics()` is null with METRICS=off: callers write
 * `getServerMetrics()?.x.inc()`, so nothing is observed, looked up or allocated on the request path.
 */
import { Counter, Histogram, type Registry } from "prom-client";
import type { PublishFailure } from "../kafka/producer";
import { metricsEnabled, processRegistry } from "./registry";

/** Request-sized latencies, 1 ms to 10 s. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createServerMetrics(registry: Registry) {
  const registers = [registry];
  return {
    requestSeconds: new Histogram({
      name: "runcoach_trpc_request_duration_seconds",
      help: "tRPC procedure calls by procedure and HTTP status, from the request's arrival (session lookup included) to its answer",
      labelNames: ["procedure", "status"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    pointsAcknowledged: new Counter({
      name: "runcoach_points_acknowledged_total",
      help: "GPS points acknowledged to phones (accepted by appendPoints once Kafka had them)",
      registers,
    }),
    kafkaProduceSeconds: new Histogram({
      name: "runcoach_kafka_produce_duration_seconds",
      help: "From a publish to Kafka's acknowledgement (acks=all), the wait for the send in flight and the linger included: what an upload waits",
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    kafkaSendSeconds: new Histogram({
      name: "runcoach_kafka_send_duration_seconds",
      help: "One produce request to the brokers, carrying every publish that waited for it",
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    kafkaProduceFailures: new Counter({
      name: "runcoach_kafka_produce_failures_total",
      help: "Publishes Kafka did not acknowledge (answered 503), by reason: timeout, send_error, closed",
      labelNames: ["reason"] as const,
      registers,
    }),
    cassandraQuerySeconds: new Histogram({
      name: "runcoach_cassandra_query_duration_seconds",
      help: "Cassandra requests by statement (verb and table) and outcome, per attempt, as the driver's request tracker reports them",
      labelNames: ["statement", "outcome"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    rateLimitRefusals: new Counter({
      name: "runcoach_rate_limit_refusals_total",
      help: "Requests refused by a rate limit (answered 429 with Retry-After), by limit",
      labelNames: ["limit"] as const,
      registers,
    }),
  };
}

export type ServerMetrics = ReturnType<typeof createServerMetrics>;

/** The failure reasons of server/kafka/producer.ts, at 0 from the start so a rate() of them has a series. */
const PRODUCE_FAILURES: readonly PublishFailure[] = ["timeout", "send_error", "closed"];

const globalForMetrics = globalThis as unknown as { runcoachServerMetrics?: ServerMetrics };

/** This process's metrics, made on first use; null when METRICS=off. */
export function getServerMetrics(): ServerMetrics | null {
  if (!metricsEnabled()) return null;
  if (globalForMetrics.runcoachServerMetrics) return globalForMetrics.runcoachServerMetrics;
  const registry = processRegistry();
  if (!registry) return null;
  const metrics = createServerMetrics(registry);
  for (const reason of PRODUCE_FAILURES) metrics.kafkaProduceFailures.inc({ reason }, 0);
  globalForMetrics.runcoachServerMetrics = metrics;
  return metrics;
}
