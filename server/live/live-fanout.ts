/**
 * The live fan-out: its own consumer group on the points topic (`<prefix>.live`), beside the writers in the
 * Location Service process. Its own group, so its offsets are its own: a slow Redis never holds back writes
 * to Cassandra, and nothing it loses costs a stored point. It reads only what arrives from now on
 * (`fallbackMode: "latest"` for a new group; no history to replay for a live view).
 *
 * For each batch of a followable run: fold it into the run's state in Redis (live-state.ts) and append the
 * event. One run's batches come in order on one partition; they are folded one after another per run, runs
 * side by side (fold-chains.ts). Unfollowable runs cost one cached PostgreSQL read per run per `RUN_INFO_TTL_MS`.
 *
 * Offsets are committed only past what is folded (commit-watermark.ts: per partition, the prefix whose folds
 * all finished), every `COMMIT_INTERVAL_MS` and on close, so a member that dies leaves its unfolded batches to
 * the next one instead of skipping them (a hole in a follower's route). What it folded but had not committed
 * yet is folded again by the next member: nothing changes, since older fixes are ignored (live-state.ts).
 */
import { Consumer, stringDeserializer } from "@platformatic/kafka";
import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import type { Logger } from "pino";
import type { Database } from "../db";
import { decodeLocationMessage, type LocationMessage } from "../kafka/location-messages";
import { pipelineNames, type KafkaSettings } from "../kafka/settings";
import { liveKeys } from "./live-keys";
import { getLiveMetrics } from "./live-metrics";
import { loadLiveRun, type LiveRun } from "./live-runs";
import { EMPTY_LIVE_STATE, foldBatch } from "./live-state";
import { createLiveStore, type LiveStore } from "./live-store";
import { createCommitWatermark } from "./commit-watermark";
import { createFoldChains, type FoldChains } from "./fold-chains";

/** How long the fan-out trusts what it read of a run (a pause, a change of the live choice show within this). */
export const RUN_INFO_TTL_MS = 10_000;
/** Batches being folded at once, beyond which the stream pauses (memory stays bounded). */
const MAX_IN_FLIGHT = 500;
/** How often folded offsets are committed: at most this much is folded twice after a member dies. */
const COMMIT_INTERVAL_MS = 1_000;
/** On close, how long the folds under way may take before the consumer leaves without committing them. */
const CLOSE_WAIT_MS = 5_000;

export interface LiveFanoutDeps {
  db: Database;
  redis: Redis;
  kafka: KafkaSettings;
  prefix: string;
  log: Logger;
  /** Tests: a group of their own (the worker's fan-out holds the real one). */
  groupId?: string;
  /** Tests: what to do with each batch instead of folding it into Redis. */
  fold?: (message: LocationMessage) => Promise<void>;
}

export interface LiveFanout {
  stop(): Promise<void>;
}

export function liveGroupName(topicPrefix: string): string {
  return `${topicPrefix}.live`;
}

/** Folds one message into Redis; exported for the tests, which feed it without Kafka. */
export function createLiveFolder(deps: { db: Database; store: LiveStore; log: Logger }) {
  const runs = new LRUCache<string, LiveRun | "none">({ max: 20_000, ttl: RUN_INFO_TTL_MS });
  async function run(activityId: string, fresh = false): Promise<LiveRun | null> {
    const cached = fresh ? undefined : runs.get(activityId);
    if (cached !== undefined) return cached === "none" ? null : cached;
    const loaded = await loadLiveRun(deps.db, activityId);
    runs.set(activityId, loaded ?? "none");
    return loaded;
  }

  return async function fold(message: LocationMessage): Promise<void> {
    if (message.kind === "record") {
      if (message.reason !== "finish") return;
      const info = await run(message.activityId, true);
      if (!info?.followable) return;
      const state = (await deps.store.load(message.activityId)) ?? { ...EMPTY_LIVE_STATE, finished: false };
      if (state.finished) return;
      const seq = state.seq + 1;
      await deps.store.publish(message.activityId, { ...state, seq, finished: true }, { type: "finished", seq });
      getLiveMetrics()?.fanoutEvents.inc({ type: "finished" });
      return;
    }
    const info = await run(message.activityId);
    if (!info?.followable || info.ownerId !== message.userId) return;
    const state = (await deps.store.load(message.activityId)) ?? { ...EMPTY_LIVE_STATE, finished: false };
    if (state.finished) return;
    const { state: next, update } = foldBatch(state, message.points, info);
    if (!update) return;
    await deps.store.publish(message.activityId, { ...next, finished: false }, { type: "update", ...update });
    const metrics = getLiveMetrics();
    metrics?.fanoutEvents.inc({ type: "update" });
    metrics?.fixToPublishSeconds.observe(Math.max(0, Date.now() - update.stats.lastFixAt) / 1000);
  };
}

export async function startLiveFanout(deps: LiveFanoutDeps): Promise<LiveFanout> {
  const store = createLiveStore(deps.redis, liveKeys(deps.prefix));
  const fold = deps.fold ?? createLiveFolder({ db: deps.db, store, log: deps.log });
  // Shared by every session: a run's batches stay in order even across a new consumer.
  const chains = createFoldChains({ fold, log: deps.log, maxInFlight: MAX_IN_FLIGHT });
  let stopping = false;
  let session: { close(): Promise<void> } | null = null;
  let reopening: Promise<void> | null = null;

  /** A consumer and its stream until the stream ends for any reason but `stop()`; then a new one (like the writers). */
  async function open(): Promise<void> {
    for (let attempt = 0; !stopping; attempt++) {
      try {
        session = await openSession(deps, chains, () => {
          if (!stopping) reopening ??= open().finally(() => (reopening = null));
        });
        return;
      } catch (error) {
        const pause = Math.min(10_000, 500 * 2 ** Math.min(attempt, 5));
        deps.log.warn({ err: error, retryInMs: pause }, "live fan-out cannot join its group yet; will try again");
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  await open();
  return {
    async stop() {
      stopping = true;
      await reopening;
      await session?.close();
      await chains.settled();
    },
  };
}

async function openSession(deps: LiveFanoutDeps, chains: FoldChains, onLost: () => void): Promise<{ close(): Promise<void> }> {
  const names = pipelineNames(deps.kafka.topicPrefix);
  const groupId = deps.groupId ?? liveGroupName(deps.kafka.topicPrefix);
  const consumer = new Consumer<string, Buffer, string, string>({
    clientId: "runcoach-live-fanout",
    groupId,
    bootstrapBrokers: deps.kafka.brokers,
    autocommit: false,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    rebalanceTimeout: 20_000,
    // Latency over batching: a follower waits for this fetch, not a writer's 200 ms coalescing window.
    minBytes: 1,
    maxWaitTime: 100,
    deserializers: { key: stringDeserializer, value: (value?: Buffer) => value, headerKey: stringDeserializer, headerValue: stringDeserializer },
  });
  const closeConsumer = () => new Promise<void>((resolve) => consumer.close(true, () => resolve()));
  let stream: Awaited<ReturnType<typeof consumer.consume>>;
  try {
    // autocommit off: with it on, the client commits whatever it fetched, folded or not (and message.commit is a no-op).
    stream = await consumer.consume({ topics: [names.pointsTopic], mode: "committed", fallbackMode: "latest", autocommit: false });
  } catch (error) {
    await closeConsumer();
    throw error;
  }
  // This session's offsets only: a new consumer reads again from the group's committed offsets.
  const watermark = createCommitWatermark<() => void | Promise<void>>();
  let closing = false;
  let lost = false;
  let committing: Promise<void> | null = null;

  /** Commits the last folded message of each partition's folded prefix (it commits everything before it). */
  function commitFolded(): Promise<void> {
    committing ??= Promise.all(
      watermark.toCommit().map(async ({ partition, offset, handle }) => {
        try {
          await handle();
        } catch (error) {
          // The partition moved to another member or the broker went away: those batches are folded again, harmlessly.
          deps.log.warn({ err: error, partition, offset: String(offset) }, "live fan-out commit refused");
        }
      }),
    )
      .then(() => undefined)
      .finally(() => (committing = null));
    return committing;
  }
  const committer = setInterval(() => void commitFolded(), COMMIT_INTERVAL_MS);
  committer.unref();

  const lose = (reason: unknown) => {
    if (closing || lost) return;
    lost = true;
    clearInterval(committer);
    deps.log.warn({ err: reason }, "live fan-out lost its stream; making a new consumer");
    void closeConsumer()
      .catch(() => undefined)
      .finally(() => setTimeout(onLost, 1_000));
  };
  // After a rebalance, partitions given to another member are theirs to commit.
  consumer.on("consumer:group:join", () => {
    watermark.retain((consumer.assignments ?? []).filter((a) => a.topic === names.pointsTopic).flatMap((a) => a.partitions));
  });
  stream.on("data", (message) => {
    const { partition, offset } = message;
    watermark.received(partition, offset, () => message.commit());
    let decoded: LocationMessage;
    try {
      decoded = decodeLocationMessage(message.value);
    } catch {
      watermark.folded(partition, offset); // the writers dead-letter it; nothing to show
      return;
    }
    chains.add(decoded, () => watermark.folded(partition, offset), {
      pause: () => stream.pause(),
      resume: () => stream.isPaused() && stream.resume(),
    });
  });
  stream.on("error", lose);
  stream.on("close", () => lose(new Error("the live fan-out stream closed")));
  deps.log.info({ group: groupId }, "live fan-out joined its group");
  return {
    async close() {
      closing = true;
      clearInterval(committer);
      await stream.close().catch(() => undefined);
      // Commit what the folds under way finish in time; the rest is read again by the next member.
      await Promise.race([chains.settled(), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
      await committing;
      await commitFolded();
      await closeConsumer();
    },
  };
}
