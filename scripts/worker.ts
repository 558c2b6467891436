/**
 * `npm run worker`: one Location Service process (server/location-service/): creates the pipeline's topics
 * if missing, then writes the points topic into Cassandra and computes records until SIGINT or SIGTERM,
 * serving /metrics and /health on LOCATION_SERVICE_PORT. Run as many as the points topic has partitions.
 * `npm run worker -- replay-dead-letters` puts every dead letter back on the points topic and exits.
 */
import { archivingFromEnv } from "@/server/archive";
import { getLocationStore } from "@/server/cassandra";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { migrateKafkaTopics } from "@/server/kafka/topics";
import { kafkaSettingsFromEnv } from "@/server/kafka/settings";
import { replayDeadLetters } from "@/server/location-service/dead-letters";
import { serveLocationServiceHttp } from "@/server/location-service/http";
import { startLocationService } from "@/server/location-service/location-service";
import { startLiveFanoutFromEnv } from "@/server/live";
import { log } from "@/server/log";
import { processRegistry } from "@/server/metrics/registry";

const kafka = kafkaSettingsFromEnv();
const command = process.argv[2] ?? "run";

if (command === "replay-dead-letters") {
  const replayed = await replayDeadLetters(kafka, (line) => console.log(line));
  console.log(`replayed ${replayed} dead letters`);
  process.exit(0);
} else if (command !== "run") {
  console.error(`unknown command ${command}: use "run" (the default) or "replay-dead-letters"`);
  process.exit(2);
}

await migrateKafkaTopics(kafka);
const service = await startLocationService({
  db: getDb(),
  locationStore: getLocationStore,
  kafka,
  log,
  metricsRegistry: processRegistry(),
  ...archivingFromEnv({ db: getDb(), log }),
});
const live = await startLiveFanoutFromEnv({ db: getDb(), kafka, log });
const http = await serveLocationServiceHttp(service.metrics.registry, env().LOCATION_SERVICE_PORT);
const address = http.address();
log.info({ port: typeof address === "object" && address ? address.port : null }, "location service metrics at /metrics");

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    http.close();
    void Promise.all([service.stop(), live?.stop()]).then(() => process.exit(0));
  });
}
