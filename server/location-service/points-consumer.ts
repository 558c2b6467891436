/**
 * The Location Service's Kafka side: one member of the writers' consumer group, reading the points topic
 * from the group's committed offsets. Messages are gathered while the previous poll is being written, so
 * under load each write carries more; the stream is paused at `maxPollMessages`, so memory stays bounded
 * however far behind the writer is. Offsets are committed only after `writePoll` resolved (every point in
 * Cassandra or dead-lettered), so a writer killed at any moment leaves its messages to be read again by the
 * member that takes its partitions over. A store that is unavailable is waited out: the same poll is
 * written again with a growing pause, for as long as it takes, and the lag grows in Kafka meanwhile. A
 * broker that goes away ends the client's stream; the consumer is then made anew (after a pause) and rejoins
 * the group, reading again from the committed offsets, so a Kafka outage is waited out the same way.
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
  let stopping = false;
  let session: ConsumerSession | null = null;
  let restarting: Promise<void> | null = null;

  async function open(): Promise<void> {
    for (let attempt = 0; !stopping; attempt++) {
      try {
        session = await openConsumerSession(options, () => {
          if (!stopping) restarting ??= open().finally(() => (restarting = null));
        });
        return;
      } catch (error) {
        const pause = Math.min(10_000, 500 * 2 ** Math.min(attempt, 5));
        options.log.warn({ err: error, retryInMs: pause }, "cannot join the writers' group yet; will try again");
        await sleep(pause);
      }
    }
  }

  await open();
  return {
    async stop() {
      stopping = true;
      await restarting;
      await session?.close();
    },
  };
}

interface ConsumerSession {
  close(): Promise<void>;
}

/**
 * A session with partitions whose stream has completed no fetch for this long is taken for lost. The
 * client's fetch loop can stop without an error: seen in the fault tests, after a broker restart and a
 * rebalance both writers fetched nothing for ~3 minutes while the lag grew, until an unrelated error ended
 * their streams. Longer than a rebalance may take (rebalanceTimeout below); a fetch answers within maxWaitTime.
 */
const FETCH_STALL_MS = 30_000;

/** One consumer and its stream, until the stream ends for any reason other than `close()`; then `onLost`. */
async function openConsumerSession(options: PointsConsumerOptions, onLost: () => void): Promise<ConsumerSession> {
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
    // The broker answers a fetch once it holds 256 KiB for us or 200 ms have passed: under a steady trickle of
    // uploads a poll then carries ~200 ms of them (one Cassandra write per run, one PostgreSQL update and one
    // commit per poll) instead of one message each, for at most 200 ms more lag.
    minBytes: 256 * 1024,
    maxWaitTime: 200,
    deserializers: { key: stringDeserializer, value: identity, headerKey: stringDeserializer, headerValue: stringDeserializer },
  });
  // Forced: leaves the group at once (its partitions go to the other members now, not after the timeout).
  const closeConsumer = () => new Promise<void>((resolve) => consumer.close(true, () => resolve()));
  let stream: Awaited<ReturnType<typeof consumer.consume>>;
  try {
    stream = await consumer.consume({ topics: [names.pointsTopic], mode: "committed", fallbackMode: "earliest" });
  } catch (error) {
    await closeConsumer();
    throw error;
  }

  const buffer: PointsMessage[] = [];
  let draining: Promise<void> | null = null;
  let closing = false;
  let lost = false;
  let lastFetchAt = Date.now();
  (stream as unknown as NodeJS.EventEmitter).on("fetch", () => (lastFetchAt = Date.now()));
  const stallCheck = setInterval(() => {
    const assigned = (consumer.assignments ?? []).some((assignment) => assignment.partitions.length > 0);
    // Paused by us (a poll is being written) is not stalled; neither is a member with no partitions.
    if (!assigned || stream.isPaused()) lastFetchAt = Date.now();
    else if (Date.now() - lastFetchAt > FETCH_STALL_MS) loseSession(new Error(`no fetch completed for ${FETCH_STALL_MS} ms`));
  }, 1_000);
  stallCheck.unref();

  function loseSession(reason: unknown) {
    if (closing || lost) return;
    lost = true;
    clearInterval(stallCheck);
    options.log.warn({ err: reason }, "lost the points stream; making a new consumer");
    consumer.stopLagMonitoring();
    buffer.length = 0; // uncommitted: read again by whichever member gets the partitions
    void Promise.resolve(draining)
      .then(closeConsumer)
      .catch(() => undefined)
      .finally(onLost);
  }

  async function writeUntilDone(poll: PointsMessage[]) {
    for (let attempt = 0; ; attempt++) {
      try {
        await options.writePoll(poll);
        return true;
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        options.metrics?.storeRetries.inc();
        const pause = Math.min(5_000, 250 * 2 ** Math.min(attempt, 5));
        options.log.warn({ err: error.cause, messages: poll.length, retryInMs: pause }, "store unavailable; will write the poll again");
        if (closing || lost) return false; // uncommitted: the next member reads these again
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
          // The partition moved to another member (a rebalance) or the broker went away: these are read
          // again; rewriting them is harmless.
          options.log.warn({ err: error, partition: message.partition, offset: String(expected.get(message.partition)) }, "commit refused");
        }
      }),
    );
  }

  async function drain() {
    while (buffer.length > 0 && !closing && !lost) {
      const poll = buffer.splice(0, maxPollMessages);
      if (stream.isPaused() && buffer.length < maxPollMessages) stream.resume();
      options.metrics?.messages.inc(poll.length);
      if (!(await writeUntilDone(poll))) return;
      await commit(poll);
    }
  }

  function kick() {
    draining ??= Promise.resolve()
      .then(drain)
      .catch((error: unknown) => loseSession(error))
      .finally(() => {
        draining = null;
        if (buffer.length > 0 && !closing && !lost) kick(); // arrived as the last poll finished
      });
  }

  stream.on("data", (message) => {
    if (lost) return;
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
  stream.on("error", (error) => loseSession(error));
  stream.on("close", () => loseSession(new Error("the points stream closed")));

  consumer.on("consumer:lag", (lag: Map<string, bigint[]>) => {
    (lag.get(names.pointsTopic) ?? []).forEach((behind, partition) =>
      options.metrics?.consumerLag.set({ partition: String(partition) }, Number(behind < 0n ? 0n : behind)),
    );
  });
  consumer.on("consumer:lag:error", () => undefined); // a broker away: the next interval tries again
  consumer.startLagMonitoring({ topics: [names.pointsTopic] }, 5_000);
  options.log.info({ group: names.writerGroup, topic: names.pointsTopic }, "joined the writers' group");

  return {
    async close() {
      closing = true;
      clearInterval(stallCheck);
      consumer.stopLagMonitoring();
      await draining;
      await stream.close().catch(() => undefined);
      await closeConsumer();
    },
  };
}
