/**
 * Where the location pipeline's topics live and what they are called. Every name derives from one prefix,
 * so two deployments, or a test run beside `npm run up`, can share one Kafka cluster without meeting.
 */
import { env } from "../env";

export interface KafkaSettings {
  brokers: string[];
  topicPrefix: string;
  partitions: number;
  replicationFactor: number;
  produceTimeoutMs: number;
  /** How long a publish waits for others to share its request when none is in flight (0: send at once). */
  lingerMs: number;
}

export interface PipelineNames {
  /** Point batches and record requests, keyed by activity id: one run's messages stay in order. */
  pointsTopic: string;
  /** Messages the Location Service could not write after bounded retries, with the reason in a header. */
  deadLetterTopic: string;
  /** The Location Service's consumer group: its members share the points topic's partitions. */
  writerGroup: string;
}

export function kafkaSettingsFromEnv(): KafkaSettings {
  const e = env();
  return {
    brokers: e.KAFKA_BROKERS,
    topicPrefix: e.KAFKA_TOPIC_PREFIX,
    partitions: e.KAFKA_PARTITIONS,
    replicationFactor: e.KAFKA_REPLICATION_FACTOR,
    produceTimeoutMs: e.KAFKA_PRODUCE_TIMEOUT_MS,
    lingerMs: e.KAFKA_LINGER_MS,
  };
}

export function pipelineNames(prefix: string): PipelineNames {
  return {
    pointsTopic: `${prefix}.location-points`,
    deadLetterTopic: `${prefix}.location-points.dead-letter`,
    writerGroup: `${prefix}.location-service`,
  };
}
