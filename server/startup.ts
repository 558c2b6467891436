/**
 * What the server does once when it starts: validate the environment (a bad value stops the process
 * with a message naming the variable), then apply pending PostgreSQL and Cassandra migrations, create the
 * Kafka topics, and start the Location Service inside this process when LOCATION_SERVICE=embedded.
 */
import { migrateCassandra } from "./cassandra/migrate";
import { cassandraSettingsFromEnv, getLocationStore } from "./cassandra";
import { getDatabaseHandle, getDb } from "./db";
import { kafkaSettingsFromEnv } from "./kafka/settings";
import { migrateKafkaTopics } from "./kafka/topics";
import { env, InvalidEnvironmentError } from "./env";
import { log } from "./log";
import { processRegistry } from "./metrics/registry";

export async function startServer(): Promise<void> {
  try {
    env();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // Made now, so Node's default metrics (event-loop lag, GC) cover the process from its start.
  processRegistry();
  const database = getDatabaseHandle();
  await database.migrate();
  log.info({ database: database.kind }, "postgres migrations applied");
  try {
    const applied = await migrateCassandra(cassandraSettingsFromEnv());
    log.info({ applied }, "cassandra migrations applied");
  } catch (error) {
    // The app still serves pages without Cassandra; /api/health reports it and ingest answers 503.
    log.error({ err: error }, "cassandra migrations could not run; location ingest is unavailable until they do");
  }
  const kafka = kafkaSettingsFromEnv();
  try {
    const created = await migrateKafkaTopics(kafka);
    log.info({ created }, "kafka topics ready");
  } catch (error) {
    // Pages still render; uploads answer 503 until Kafka answers, and the phones keep their points.
    log.error({ err: error }, "kafka topics could not be created; uploads are unavailable until Kafka answers");
  }
  if (env().LOCATION_SERVICE === "embedded") {
    const { startLocationService } = await import("./location-service/location-service");
    const { archivingFromEnv } = await import("./archive");
    // Not awaited: it waits for Kafka as long as it takes, and the pages must not wait with it.
    void startLocationService({ db: getDb(), locationStore: getLocationStore, kafka, log, metricsRegistry: processRegistry(), ...archivingFromEnv({ db: getDb(), log }) }).catch((error: unknown) =>
      log.error({ err: error }, "the embedded location service could not start"),
    );
  }
}
