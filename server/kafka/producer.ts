/**
 * The pipeline's producer: every message is acknowledged by all in-sync replicas (`acks=all`) before the
 * caller hears of it, so an upload acknowledged to a phone is on `min.insync.replicas` brokers. Idempotent,
 * so the client's own retries cannot write a batch twice. Bounded: a send that Kafka has not acknowledged
 * within the produce timeout fails with `QueueUnavailableError`; the caller answers 503 and the phone keeps
 * its points (if the batch did land after all, its retry is an idempotent upsert downstream).
 */
import { Producer, stringSerializer } from "@platformatic/kafka";
import { QueueUnavailableError } from "../errors";
import { encodeLocationMessage, type LocationMessage } from "./location-messages";
import { pipelineNames, type KafkaSettings } from "./settings";

export const REQUEST_ID_HEADER = "request-id";


export interface LocationPublisher {
  /** Resolves once Kafka has every message with acks=all; rejects with QueueUnavailableError otherwise. */
  publish(messages: readonly LocationMessage[], requestId?: string): Promise<void>;
  /** Resolves when a broker answers with the points topic's metadata (the health check). */
  ping(): Promise<unknown>;
  close(): Promise<void>;
}

type BufferProducer = Producer<string, Buffer, string, string>;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Kafka did not acknowledge within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export function createLocationPublisher(settings: KafkaSettings, clientId = "runcoach-upload"): LocationPublisher {
  const { pointsTopic } = pipelineNames(settings.topicPrefix);
  const producer: BufferProducer = new Producer({
    clientId,
    bootstrapBrokers: settings.brokers,
    acks: -1,
    idempotent: true,
    // A few quick retries inside the deadline (a leader moving); beyond it the phone retries, not us.
    retries: 2,
    retryDelay: 200,
    timeout: settings.produceTimeoutMs,
    connectTimeout: Math.min(2_000, settings.produceTimeoutMs),
    serializers: {
      key: stringSerializer,
      value: (value?: Buffer) => value,
      headerKey: stringSerializer,
      headerValue: stringSerializer,
    },
  });
  return {
    async publish(messages, requestId) {
      if (messages.length === 0) return;
      const headers = requestId ? { [REQUEST_ID_HEADER]: requestId } : undefined;
      try {
        await withDeadline(
          // Per send: the client takes `acks` from the send, not the constructor (idempotent implies all, too).
          producer.send({
            acks: -1,
            messages: messages.map((message) => ({
              topic: pointsTopic,
              key: message.activityId,
              value: encodeLocationMessage(message),
              ...(headers ? { headers } : {}),
            })),
          }),
          settings.produceTimeoutMs,
        );
      } catch (error) {
        throw new QueueUnavailableError(error);
      }
    },
    ping: () => producer.metadata({ topics: [pointsTopic], forceUpdate: true }),
    close: () => producer.close(),
  };
}
