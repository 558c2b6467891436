/**
 * The Location Service's Prometheus metrics (prom-client), served on its own port at /metrics. Given the
 * process registry (server/metrics/registry.ts) they go into it, beside Node's default metrics and the
 * Cassandra and PostgreSQL ones; without one (METRICS=off) they keep a registry of their own with Node's
 * default metrics, as before there was a process registry.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export function createLocationServiceMetrics(into?: Registry) {
  const registry = into ?? new Registry();
  if (!into) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const sources = { recordJobsWaiting: () => 0 };
  return {
    sources,
    registry,
    messages: new Counter({ name: "location_service_messages_total", help: "Messages read from the points topic", registers }),
    pointsWritten: new Counter({ name: "location_service_points_written_total", help: "Points written to Cassandra (rewrites after a retry count again)", registers }),
    writeSeconds: new Histogram({
      name: "location_service_cassandra_write_seconds",
      help: "Latency of one single-partition batch write to Cassandra",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    ingestLag: new Histogram({
      name: "location_service_ingest_lag_seconds",
      help: "From the upload API's acknowledgement of a batch to its points written in Cassandra",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    }),
    storeRetries: new Counter({ name: "location_service_store_retries_total", help: "Polls written again after the store was unavailable", registers }),
    deadLetters: new Counter({ name: "location_service_dead_letters_total", help: "Messages sent to the dead-letter topic, by reason", labelNames: ["reason"], registers }),
    recordJobs: new Counter({ name: "location_service_record_jobs_total", help: "Record computations, by outcome", labelNames: ["outcome"], registers }),
    recordJobSeconds: new Histogram({
      name: "location_service_record_job_seconds",
      help: "Time to read a run's points and store its record",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    recordJobsWaiting: new Gauge({
      name: "location_service_record_jobs_waiting",
      help: "Record computations waiting or running",
      registers,
      collect() {
        this.set(sources.recordJobsWaiting());
      },
    }),
    archivedRuns: new Counter({ name: "archiver_runs_total", help: "Runs the archiver handled, by outcome (archived, claim-lost, failed)", labelNames: ["outcome"], registers }),
    archivedPoints: new Counter({ name: "archiver_points_total", help: "Points written to the cold tier", registers }),
    archiveDueRuns: new Gauge({ name: "archiver_due_runs", help: "Runs due for archiving when the last pass began", registers }),
    archivePassSeconds: new Histogram({
      name: "archiver_pass_seconds",
      help: "Duration of one archive pass",
      buckets: [0.01, 0.1, 1, 10, 60, 300, 1800, 3600],
      registers,
    }),
    consumerLag: new Gauge({ name: "location_service_consumer_lag_messages", help: "Messages behind the end of each partition", labelNames: ["partition"], registers }),
  };
}

export type LocationServiceMetrics = ReturnType<typeof createLocationServiceMetrics>;
