/**
 * Global setup for integration tests: checks that the run points at throwaway stores (the test command
 * creates them), applies both sets of migrations, creates the Kafka topics, seeds the catalog once, and
 * starts one Location Service process (as `npm run worker`) that writes uploads to Cassandra; the teardown
 * stops it.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { startLocationServiceProcess } from "@/scripts/lib/location-service-process";
import { stopBackground } from "@/scripts/lib/processes";
import { kafkaSettingsFromEnv } from "@/server/kafka/settings";
import { migrateKafkaTopics } from "@/server/kafka/topics";
import { cassandraSettingsFromEnv } from "@/server/cassandra";
import { migrateCassandra } from "@/server/cassandra/migrate";
import { openDatabase } from "@/server/db/client";
import { readCatalog, seedCatalog } from "@/server/db/seed-catalog";

export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Integration tests need DATABASE_URL and CASSANDRA_*: run them through `npm test`.");
  const databaseName = new URL(url).pathname.slice(1);
  if (!databaseName.includes("test")) {
    throw new Error(`Refusing to run integration tests against database "${databaseName}": its name must contain "test"`);
  }
  const keyspace = process.env.CASSANDRA_KEYSPACE ?? "";
  if (!keyspace.includes("test")) {
    throw new Error(`Refusing to run integration tests against keyspace "${keyspace}": its name must contain "test"`);
  }
  const database = openDatabase({ url, pgliteDir: "" });
  await database.migrate();
  await seedCatalog(database.db, await readCatalog());
  await database.close();
  await migrateCassandra(cassandraSettingsFromEnv());
  const kafka = kafkaSettingsFromEnv();
  if (!kafka.topicPrefix.includes("test")) {
    throw new Error(`Refusing to run integration tests on Kafka topics "${kafka.topicPrefix}.*": the prefix must contain "test"`);
  }
  await migrateKafkaTopics(kafka);
  const logFile = path.join(process.cwd(), ".data", "test-reports", "integration-worker.log");
  mkdirSync(path.dirname(logFile), { recursive: true });
  // No scheduled archive passes: server/archive/archiver.int.test.ts runs its own, and one from here would take
  // its runs from under it.
  const worker = startLocationServiceProcess({ ...process.env, LOCATION_SERVICE_PORT: "0", ARCHIVE_INTERVAL_MINUTES: "0" }, logFile);
  return async () => {
    await stopBackground(worker);
  };
}
