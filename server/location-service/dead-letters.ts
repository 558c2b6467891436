/**
 * The dead-letter topic: a message the Location Service could not write after bounded retries goes there
 * unchanged, with why and where it came from in its headers, and is counted. Nothing is dropped: an operator
 * reads the reason, fixes the cause, and `npm run worker -- replay-dead-letters` puts every dead letter
 * back on the points topic (writes are upserts, so a replay twice changes nothing).
 */
import { Consumer, Producer, stringDeserializer, stringSerializer } from "@platformatic/kafka";
import { pipelineNames, type KafkaSettings } from "../kafka/settings";
import type { ReceivedMessage } from "./write-plan";

export interface DeadLetter {
  message: ReceivedMessage;
  key: string | undefined;
  reason: string;
}

export interface DeadLetterPublisher {
  publish(letters: readonly DeadLetter[]): Promise<void>;
  close(): Promise<void>;
}

const identity = (value?: Buffer) => value;
const serializers = { key: stringSerializer, value: identity, headerKey: stringSerializer, headerValue: stringSerializer };

export function createDeadLetterPublisher(settings: KafkaSettings): DeadLetterPublisher {
  const names = pipelineNames(settings.topicPrefix);
  const producer = new Producer<string, Buffer, string, string>({
    clientId: "runcoach-location-service-dead-letters",
    bootstrapBrokers: settings.brokers,
    acks: -1,
    idempotent: true,
    serializers,
  });
  return {
    async publish(letters) {
      if (letters.length === 0) return;
      await producer.send({
        acks: -1,
        messages: letters.map(({ message, key, reason }) => ({
          topic: names.deadLetterTopic,
          ...(key ? { key } : {}),
          value: message.value ?? Buffer.alloc(0),
          headers: {
            reason: reason.slice(0, 1_000),
            "source-partition": String(message.partition),
            "source-offset": String(message.offset),
            "failed-at": new Date().toISOString(),
            ...(message.requestId ? { "request-id": message.requestId } : {}),
          },
        })),
      });
    },
    close: () => producer.close(),
  };
}

/**
 * Copies every dead letter not replayed yet back onto the points topic, then commits, as its own consumer
 * group; stops when it has caught up. Returns how many it replayed.
 */
export async function replayDeadLetters(settings: KafkaSettings, log: (line: string) => void): Promise<number> {
  const names = pipelineNames(settings.topicPrefix);
  const consumer = new Consumer<string, Buffer, string, string>({
    clientId: "runcoach-dead-letter-replay",
    groupId: `${names.writerGroup}.dead-letter-replay`,
    bootstrapBrokers: settings.brokers,
    autocommit: false,
    maxWaitTime: 500,
    deserializers: { key: stringDeserializer, value: identity, headerKey: stringDeserializer, headerValue: stringDeserializer },
  });
  const producer = new Producer<string, Buffer, string, string>({
    clientId: "runcoach-dead-letter-replay",
    bootstrapBrokers: settings.brokers,
    acks: -1,
    idempotent: true,
    serializers,
  });
  try {
    // What is left: from the replay group's committed offset (or the topic's start) to its end, taken now.
    const topic = names.deadLetterTopic;
    const ends = (await consumer.listOffsets({ topics: [topic] })).get(topic) ?? [];
    const starts = (await consumer.listOffsets({ topics: [topic], timestamp: -2n })).get(topic) ?? [];
    const partitions = ends.map((_, partition) => partition);
    const committed = (await consumer.listCommittedOffsets({ topics: [{ topic, partitions }] })).get(topic) ?? [];
    let remaining = ends.reduce((sum, end, partition) => {
      const from = (committed[partition] ?? -1n) >= 0n ? committed[partition]! : (starts[partition] ?? 0n);
      return sum + (end > from ? end - from : 0n);
    }, 0n);
    log(`${remaining} dead letters to replay from ${names.deadLetterTopic}`);
    if (remaining === 0n) return 0;
    const stream = await consumer.consume({ topics: [names.deadLetterTopic], mode: "committed", fallbackMode: "earliest" });
    let replayed = 0;
    for await (const message of stream) {
      await producer.send({
        acks: -1,
        messages: [{ topic: names.pointsTopic, ...(message.key ? { key: message.key } : {}), value: message.value }],
      });
      await message.commit();
      replayed++;
      log(`replayed ${names.deadLetterTopic}@${message.partition}:${message.offset} (${message.headers.get("reason") ?? "no reason"})`);
      if (--remaining <= 0n) break;
    }
    await stream.close();
    return replayed;
  } finally {
    await producer.close();
    await new Promise<void>((resolve) => consumer.close(true, () => resolve()));
  }
}
