/** The app's Kafka producer, made on first use and shared by every request of this process. */
import { createLocationPublisher, type LocationPublisher } from "./producer";
import { kafkaSettingsFromEnv } from "./settings";

const globalForKafka = globalThis as unknown as { runcoachPublisher?: LocationPublisher };

export function getLocationPublisher(): LocationPublisher {
  globalForKafka.runcoachPublisher ??= createLocationPublisher(kafkaSettingsFromEnv());
  return globalForKafka.runcoachPublisher;
}
