/**
 * The pipeline's producer: every message is acknowledged by all in-sync replicas (`acks=all`) before the
 * caller hears of it, so an upload acknowledged to a phone is on `min.insync.replicas` brokers. Idempotent,
 * so the client's own retries cannot write a batch twice. Bounded: a publish that Kafka has not acknowledged
 * within the produce timeout fails with `QueueUnavailableError`; the caller answers 503 and the phone keeps
 * its points (if the batch did land after all, its retry is an idempotent upsert downstream). Concurrent
 * publishes share one send at a time (createLocationPublisher says why). With `metrics`, each publish's wait
 * for its acknowledgement, each send's round trip and each failure's reason are reported (server/kafka/index.ts
 * gives the process's Prometheus metrics; none with METRICS=off).
 */
import { Producer, stringSerializer } from "@platformatic/kafka";
import { QueueUnavailableError } from "../errors";
import { encodeLocationMessage, type LocationMessage } from "./location-messages";
import { pipelineNames, type KafkaSettings } from "./settings";
import { withDeadline } from "../with-deadline";

export const REQUEST_ID_HEADER = "request-id";

export interface LocationPublisher {
  /** Resolves once Kafka has every message with acks=all; rejects with QueueUnavailableError otherwise. */
  publish(messages: readonly LocationMessage[], requestId?: string): Promise<void>;
  /** Resolves when a broker answers with the points topic's metadata (the health check). */
  ping(): Promise<unknown>;
  close(): Promise<void>;
}

/** Why a publish was not acknowledged: its deadline passed, the client's send failed, or the publisher is closed. */
export type PublishFailure = "timeout" | "send_error" | "closed";

export interface PublishMetrics {
  /** A publish acknowledged by Kafka, `seconds` after it was made (linger and the send in flight included). */
  acknowledged(seconds: number): void;
  /** One send (a produce request carrying every waiting publish) answered or failed after `seconds`. */
  sent(seconds: number): void;
  failed(reason: PublishFailure): void;
}

class ProduceTimeoutError extends Error {}

type BufferProducer = Producer<string, Buffer, string, string>;
type OutgoingRecord = { topic: string; key: string; value: Buffer; headers?: { [REQUEST_ID_HEADER]: string } };

/**
 * Publishes waiting for one send, at most this many bytes of values in it: Kafka refuses a partition's
 * batch over `message.max.bytes` (1 MiB by default), and this keeps the whole request under it.
 */
const MAX_SEND_BYTES = 512 * 1024;

interface Waiting {
  records: OutgoingRecord[];
  bytes: number;
  /** Resolves or rejects the publish, once; clears its deadline. */
  settle(error: unknown): void;
}

/**
 * One send in flight at a time, carrying every publish that came while the last one was out. The client
 * (@platformatic/kafka 1.35) gives an idempotent producer one request in flight per broker, but takes each
 * batch's sequence number when the request is built and advances it only when the answer comes back: two
 * sends to one partition built before the first answer carry the same sequence number, and the broker
 * takes the second for a retry of the first: it answers success and drops it (an acknowledged upload lost),
 * and every later send to that partition is refused as out of order. Queued here, each request is built
 * after the last answer, with the right numbers, and carries many uploads (one message each, as before):
 * fewer round trips per upload under load, none added when idle.
 *
 * With nothing in flight a publish lingers `lingerMs` (5 ms, Kafka 4's own producer default) for others to
 * join it, unless a full request's worth is already waiting: one request per few uploads instead of one
 * each once traffic is steady (a request's CPU in this process and the broker's is several uploads' worth).
 *
 * After a failed send the producer is replaced (a new producer id, sequences from 0): the failed request
 * may have been written in part or whole (a timeout after the broker appended it) while the client kept
 * its old sequence numbers, and the next batch would then be taken for a duplicate and dropped.
 */
export function createLocationPublisher(
  settings: KafkaSettings,
  clientId = "runcoach-upload",
  metrics?: PublishMetrics,
): LocationPublisher {
  const { pointsTopic } = pipelineNames(settings.topicPrefix);
  const newProducer = (): BufferProducer =>
    new Producer({
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
  let producer = newProducer();
  const waiting: Waiting[] = [];
  let waitingBytes = 0;
  let sending: Promise<void> | null = null;
  let lingering: NodeJS.Timeout | null = null;
  let closed = false;

  /** A publish joined the queue: send now, or after the linger when nothing is in flight. */
  function scheduleSend() {
    if (sending) return; // the send in flight takes the queue along when it is answered
    if (settings.lingerMs > 0 && waitingBytes < MAX_SEND_BYTES && !closed) {
      lingering ??= setTimeout(sendWaiting, settings.lingerMs);
      return;
    }
    sendWaiting();
  }

  function sendWaiting() {
    if (lingering) clearTimeout(lingering);
    lingering = null;
    if (sending || waiting.length === 0) return;
    const batch: Waiting[] = [];
    let bytes = 0;
    while (waiting.length > 0 && (batch.length === 0 || bytes + waiting[0]!.bytes <= MAX_SEND_BYTES)) {
      const next = waiting.shift()!;
      batch.push(next);
      bytes += next.bytes;
    }
    waitingBytes -= bytes;
    const used = producer;
    const sentAt = metrics ? performance.now() : 0;
    sending = withDeadline(
      // Per send: the client takes `acks` from the send, not the constructor (idempotent implies all, too).
      used.send({ acks: -1, messages: batch.flatMap((entry) => entry.records) }),
      settings.produceTimeoutMs,
      () => new ProduceTimeoutError(`Kafka did not acknowledge within ${settings.produceTimeoutMs} ms`),
    )
      .then(
        () => batch.forEach((entry) => entry.settle(null)),
        (error: unknown) => {
          batch.forEach((entry) => entry.settle(error));
          if (producer === used && !closed) {
            producer = newProducer();
            used.close(true, () => undefined); // its own requests fail at once; nothing waits on them
          }
        },
      )
      .finally(() => {
        metrics?.sent((performance.now() - sentAt) / 1000);
        sending = null;
        sendWaiting();
      });
  }

  return {
    publish(messages, requestId) {
      if (messages.length === 0) return Promise.resolve();
      if (closed) {
        metrics?.failed("closed");
        return Promise.reject(new QueueUnavailableError(new Error("the publisher is closed")));
      }
      const publishedAt = metrics ? performance.now() : 0;
      const headers = requestId ? { [REQUEST_ID_HEADER]: requestId } : undefined;
      const records: OutgoingRecord[] = messages.map((message) => ({
        topic: pointsTopic,
        key: message.activityId,
        value: encodeLocationMessage(message),
        ...(headers ? { headers } : {}),
      }));
      return new Promise<void>((resolve, reject) => {
        let done = false;
        const entry: Waiting = {
          records,
          bytes: records.reduce((sum, record) => sum + record.value.length, 0),
          settle(error) {
            if (done) return;
            done = true;
            clearTimeout(deadline);
            if (error === null) {
              metrics?.acknowledged((performance.now() - publishedAt) / 1000);
              resolve();
            } else {
              metrics?.failed(error instanceof ProduceTimeoutError ? "timeout" : "send_error");
              reject(new QueueUnavailableError(error));
            }
          },
        };
        // The same bound as one send of its own: from now, waiting for the send in flight included. A
        // publish still waiting at its deadline is taken out and never sent.
        const deadline = setTimeout(() => {
          const index = waiting.indexOf(entry);
          if (index >= 0) {
            waiting.splice(index, 1);
            waitingBytes -= entry.bytes;
          }
          entry.settle(new ProduceTimeoutError(`Kafka did not acknowledge within ${settings.produceTimeoutMs} ms`));
        }, settings.produceTimeoutMs);
        waiting.push(entry);
        waitingBytes += entry.bytes;
        scheduleSend();
      });
    },
    ping: () => producer.metadata({ topics: [pointsTopic], forceUpdate: true }),
    async close() {
      closed = true;
      // What was accepted before the close still goes (each publish is bounded by its deadline).
      while (sending || waiting.length > 0) {
        sendWaiting();
        await sending;
      }
      await producer.close();
    },
  };
}
