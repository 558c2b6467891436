/**
 * The Location Service: a writer of the points topic into Cassandra and the runner of record jobs. Any number
 * run side by side (one consumer group shares the partitions); each holds nothing that is not also in Kafka
 * (uncommitted messages) or PostgreSQL (owed records), so any one may be killed at any moment.
 */
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { Archiver } from "../archive";
import { startArchiveSchedule } from "../archive/archive-schedule";
import { computeAndStoreRecord, owedRecords } from "../activities/record-job";
import type { LocationStore } from "../cassandra/location-store";
import type { Database } from "../db";
import type { KafkaSettings } from "../kafka/settings";
import { createDeadLetterPublisher } from "./dead-letters";
import { createLocationServiceMetrics, type LocationServiceMetrics } from "./metrics";
import { startPointsConsumer } from "./points-consumer";
import { createRecordScheduler } from "./record-scheduler";
import { writePoll } from "./write-poll";

export interface LocationServiceDeps {
  /** The process's registry (server/metrics/registry.ts), for the service's metrics; else one of its own. */
  metricsRegistry?: Registry | null;
  db: Database;
  locationStore: () => Promise<LocationStore>;
  kafka: KafkaSettings;
  log: Logger;
  /** How often owed records are looked for in PostgreSQL (a writer died before computing them). */
  sweepEveryMs?: number;
  recordDebounceMs?: number;
  /** Moves old runs to the cold tier every `archiveEveryMs` (server/archive/); none when unset. */
  archiver?: Archiver;
  archiveEveryMs?: number;
}

export interface LocationService {
  metrics: LocationServiceMetrics;
  stop(): Promise<void>;
}

const SWEEP_BATCH = 200;

export async function startLocationService(deps: LocationServiceDeps): Promise<LocationService> {
  const metrics = createLocationServiceMetrics(deps.metricsRegistry ?? undefined);
  const log = deps.log;
  const scheduler = createRecordScheduler({
    debounceMs: deps.recordDebounceMs ?? 1_000,
    run: async (activityId) => {
      const outcome = await computeAndStoreRecord(deps, activityId);
      metrics.recordJobs.inc({ outcome });
      return outcome;
    },
    onDone: (activityId, ms) => {
      metrics.recordJobSeconds.observe(ms / 1000);
      log.info({ activityId, ms }, "record computed");
    },
    onError: (activityId, error) => {
      metrics.recordJobs.inc({ outcome: "failed" });
      log.warn({ err: error, activityId }, "record job failed; will try again");
    },
  });
  metrics.sources.recordJobsWaiting = scheduler.size;

  const deadLetters = createDeadLetterPublisher(deps.kafka);
  const consumer = await startPointsConsumer({
    settings: deps.kafka,
    log,
    metrics,
    writePoll: (messages) =>
      writePoll({ db: deps.db, locationStore: deps.locationStore, deadLetters, requestRecord: scheduler.request, metrics, log }, messages),
  });

  async function sweep() {
    try {
      for (const activityId of await owedRecords(deps.db, SWEEP_BATCH)) scheduler.request(activityId);
    } catch (error) {
      log.warn({ err: error }, "owed-record sweep failed; will try again");
    }
  }
  void sweep();
  const sweeper = setInterval(() => void sweep(), deps.sweepEveryMs ?? 30_000);
  sweeper.unref();
  const archiving =
    deps.archiver && deps.archiveEveryMs
      ? startArchiveSchedule({
          archiver: deps.archiver,
          everyMs: deps.archiveEveryMs,
          log,
          metrics: {
            observeRun: (outcome, points) => {
              metrics.archivedRuns.inc({ outcome });
              // a copy whose claim was lost is not the run's cold copy: only archived runs' points count
              if (outcome === "archived") metrics.archivedPoints.inc(points);
            },
            observePass: (result) => {
              metrics.archiveDueRuns.set(result.due);
              metrics.archivePassSeconds.observe(result.elapsedMs / 1000);
            },
          },
        })
      : null;
  log.info({ brokers: deps.kafka.brokers, prefix: deps.kafka.topicPrefix }, "location service started");

  return {
    metrics,
    async stop() {
      clearInterval(sweeper);
      await archiving?.stop();
      await consumer.stop();
      await scheduler.stop();
      await deadLetters.close();
      log.info("location service stopped");
    },
  };
}
