/** The app's Kafka producer, made on first use and shared by every request of this process. */
import { getServerMetrics } from "../metrics/server-metrics";
import { createLocationPublisher, type LocationPublisher, type PublishMetrics } from "./producer";
import { kafkaSettingsFromEnv } from "./settings";

const globalForKafka = globalThis as unknown as { runcoachPublisher?: LocationPublisher };

/** The producer's latencies and failures in the process's metrics; undefined when METRICS=off. */
function publishMetrics(): PublishMetrics | undefined {
  const metrics = getServerMetrics();
  if (!metrics) return undefined;
  return {
    acknowledged: (seconds) => metrics.kafkaProduceSeconds.observe(seconds),
    sent: (seconds) => metrics.kafkaSendSeconds.observe(seconds),
    failed: (reason) => metrics.kafkaProduceFailures.inc({ reason }),
  };
}

export function getLocationPublisher(): LocationPublisher {
  globalForKafka.runcoachPublisher ??= createLocationPublisher(kafkaSettingsFromEnv(), undefined, publishMetrics());
  return globalForKafka.runcoachPublisher;
}
