/**
 * The Location Service's Kafka side: one member of the writers' consumer group, reading the points topic
 * from the group's committed offsets. Messages are gathered while the previous poll is being written, so
 * under load each write carries more; the stream is paused at `maxPollMessages`, so memory stays bounded
 * however far behind the writer is. Offsets are committed only after `writePoll` resolved (every point in
 * Cassandra or dead-lettered), so a writer killed at any moment leaves its messages to be read again by the
 * member that takes its partitions over. A store that is unavailable is waited out: the same poll is
 * written again with a growing pause, for as long as it takes, and the lag grows in Kafka meanwhile.
 */
import { Consumer, stringDeserializer } from "@platformatic/kafka";
import type { Logger } from "pino";
import { REQUEST_ID_HEADER } from "../kafka/producer";
import { pipelineNames, type KafkaSettings } from "../kafka/settings";
import type { LocationServiceMetrics } from "./metrics";
import { StoreUnavailableError } from "./write-poll";
import { commitOffsets, type ReceivedMessage } from "./write-plan";

type PointsMessage = ReceivedMessage & { commit: () => void | Promise<void> };

export interface PointsConsumerOptions {
  settings: KafkaSettings;
  writePoll: (messages: readonly ReceivedMessage[]) => Promise<void>;
  log: Logger;
  metrics?: LocationServiceMetrics;
  clientId?: string;
  maxPollMessages?: number;
}

export interface PointsConsumer {
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startPointsConsumer(options: PointsConsumerOptions): Promise<PointsConsumer> {
  const names = pipelineNames(options.settings.topicPrefix);
  const maxPollMessages = options.maxPollMessages ?? 2_000;
  const identity = (value?: Buffer) => value;
  const consumer = new Consumer<string, Buffer, string, string>({
    clientId: options.clientId ?? "runcoach-location-service",
    groupId: names.writerGroup,
    bootstrapBrokers: options.settings.brokers,
    autocommit: false,
    // A writer that dies is noticed within the session timeout and its partitions move to another.
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    rebalanceTimeout: 20_000,
    maxWaitTime: 200,
    deserializers: { key: stringDeserializer, value: identity, headerKey: stringDeserializer, headerValue: stringDeserializer },
  });
  const stream = await consumer.consume({ topics: [names.pointsTopic], mode: "committed", fallbackMode: "earliest" });

  const buffer: PointsMessage[] = [];
  let draining: Promise<void> | null = null;
  let stopping = false;

  async function writeUntilDone(poll: PointsMessage[]) {
    for (let attempt = 0; ; attempt++) {
      try {
        await options.writePoll(poll);
        return;
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        options.metrics?.storeRetries.inc();
        const pause = Math.min(5_000, 250 * 2 ** Math.min(attempt, 5));
        options.log.warn({ err: error.cause, messages: poll.length, retryInMs: pause }, "store unavailable; will write the poll again");
        if (stopping) return; // uncommitted: the next member reads these again
        await sleep(pause);
      }
    }
  }

  async function commit(poll: PointsMessage[]) {
    // The last message of each partition commits everything before it on that partition.
    const last = new Map<number, PointsMessage>();
    for (const message of poll) last.set(message.partition, message);
    const expected = commitOffsets(poll);
    await Promise.all(
      [...last.values()].map(async (message) => {
        try {
          await message.commit();
        } catch (error) {
          // The partition moved to another member (a rebalance): it reads these again; the rewrite is harmless.
          options.log.warn({ err: error, partition: message.partition, offset: String(expected.get(message.partition)) }, "commit refused");
        }
      }),
    );
  }

  async function drain() {
    while (buffer.length > 0 && !stopping) {
      const poll = buffer.splice(0, maxPollMessages);
      if (stream.isPaused() && buffer.length < maxPollMessages) stream.resume();
      options.metrics?.messages.inc(poll.length);
      await writeUntilDone(poll);
      if (stopping) return;
      await commit(poll);
    }
  }

  stream.on("data", (message) => {
    const requestId = message.headers.get(REQUEST_ID_HEADER);
    buffer.push({
      value: message.value,
      partition: message.partition,
      offset: message.offset,
      ...(requestId ? { requestId } : {}),
      commit: () => message.commit(),
    });
    if (buffer.length >= maxPollMessages) stream.pause();
    kick();
  });

  function kick() {
    draining ??= Promise.resolve()
      .then(drain)
      .catch((error: unknown) => {
        options.log.fatal({ err: error }, "location service cannot go on");
        process.exitCode = 1;
        void stream.close();
      })
      .finally(() => {
        draining = null;
        if (buffer.length > 0 && !stopping) kick(); // arrived as the last poll finished
      });
  }
  stream.on("error", (error) => options.log.error({ err: error }, "points stream error"));

  consumer.on("consumer:lag", (lag: Map<string, bigint[]>) => {
    (lag.get(names.pointsTopic) ?? []).forEach((behind, partition) =>
      options.metrics?.consumerLag.set({ partition: String(partition) }, Number(behind < 0n ? 0n : behind)),
    );
  });
  consumer.startLagMonitoring({ topics: [names.pointsTopic] }, 5_000);

  return {
    async stop() {
      stopping = true;
      consumer.stopLagMonitoring();
      await draining;
      await stream.close();
      await consumer.close(true);
    },
  };
}
