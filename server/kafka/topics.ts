/**
 * Creates the pipeline's topics, idempotently: the migration step for Kafka, run by `npm run db:migrate`,
 * the server's start-up and the Location Service. A topic that exists is left as it is (its partition
 * count is only ever raised by an operator: raising it moves runs to other partitions mid-run).
 */
import { Admin } from "@platformatic/kafka";
import { pipelineNames, type KafkaSettings } from "./settings";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Topic configuration: long enough retention to outlive a Cassandra outage of days, not a store of record. */
function topicConfigs(settings: KafkaSettings, retentionMs: number) {
  return [
    { name: "retention.ms", value: String(retentionMs) },
    // With three replicas an acknowledged batch is on two brokers at least, so one broker may die.
    { name: "min.insync.replicas", value: String(Math.min(2, settings.replicationFactor)) },
    { name: "compression.type", value: "producer" },
  ];
}

function isAlreadyExists(error: unknown): boolean {
  const text = JSON.stringify(error, Object.getOwnPropertyNames(error ?? {})) + String(error);
  return /TOPIC_ALREADY_EXISTS|already exists/i.test(text);
}

export async function migrateKafkaTopics(settings: KafkaSettings): Promise<string[]> {
  const names = pipelineNames(settings.topicPrefix);
  const admin = new Admin({ clientId: "runcoach-migrate", bootstrapBrokers: settings.brokers, retries: 2 });
  const created: string[] = [];
  try {
    const wanted = [
      { topic: names.pointsTopic, partitions: settings.partitions, retentionMs: 7 * DAY_MS },
      { topic: names.deadLetterTopic, partitions: 1, retentionMs: 90 * DAY_MS },
    ];
    const existing = new Set(await admin.listTopics());
    for (const { topic, partitions, retentionMs } of wanted) {
      if (existing.has(topic)) continue;
      try {
        await admin.createTopics({
          topics: [topic],
          partitions,
          replicas: settings.replicationFactor,
          configs: topicConfigs(settings, retentionMs),
        });
        created.push(topic);
      } catch (error) {
        if (!isAlreadyExists(error)) throw error; // another process created it first
      }
    }
    return created;
  } finally {
    await admin.close();
  }
}
