/**
 * The live fan-out's commits on the real Kafka: a group of its own, whose fold the test holds, so what is
 * committed while a batch is being folded can be read from the brokers. With the client's autocommit the
 * group would be committed past the held batch within a second; it must not be until the batch is folded.
 */
import { randomUUID } from "node:crypto";
import { Admin } from "@platformatic/kafka";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { kafkaSettingsFromEnv, pipelineNames } from "@/server/kafka/settings";
import { log } from "@/server/log";
import { signUpTestUser, trpcClientFor } from "@/test-support/integration";
import { runEvents } from "@/test-support/integration-runs";
import { liveGroupName, startLiveFanout } from "./live-fanout";
import { getLiveServices } from "./live-service";

const live = getLiveServices();
const kafka = kafkaSettingsFromEnv();
const { pointsTopic } = pipelineNames(kafka.topicPrefix);
const groupId = `${liveGroupName(kafka.topicPrefix)}-commit-test-${randomUUID().slice(0, 8)}`;
const admin = new Admin({ clientId: "live-fanout-commit-test", bootstrapBrokers: kafka.brokers });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function partitions(): Promise<number[]> {
  const metadata = await admin.metadata({ topics: [pointsTopic] });
  return Array.from({ length: metadata.topics.get(pointsTopic)?.partitionsCount ?? 0 }, (_, i) => i);
}

/** Per partition: the next offset to be written. */
async function endOffsets(all: number[]): Promise<Map<number, bigint>> {
  const topics = await admin.listOffsets({ topics: [{ name: pointsTopic, partitions: all.map((partitionIndex) => ({ partitionIndex, timestamp: -1n })) }] });
  return new Map((topics.find((t) => t.name === pointsTopic)?.partitions ?? []).map((p) => [p.partitionIndex, p.offset]));
}

/** The test group's committed offset of a partition (below 0 when it has none). */
async function committed(partition: number): Promise<bigint> {
  const groups = await admin.listConsumerGroupOffsets({ groups: [{ groupId, topics: [{ name: pointsTopic, partitionIndexes: [partition] }] }] });
  return groups[0]?.topics.find((t) => t.name === pointsTopic)?.partitions.find((p) => p.partitionIndex === partition)?.committedOffset ?? -1n;
}

afterAll(async () => {
  await admin.close();
});

describe.skipIf(!live)("live fan-out offsets", () => {
  it("commits a partition only past the batches it has folded", async () => {
    const runner = await signUpTestUser("committed");
    const runId = randomUUID();
    const phone = trpcClientFor(runner);
    await phone.activities.syncEvents.mutate({ activityId: runId, events: [runEvents(runId).start(Date.now() - 60_000)] });
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let seen = 0;
    const fanout = await startLiveFanout({
      db: getDb(),
      redis: live!.redis,
      kafka,
      prefix: "unused:",
      log,
      groupId,
      fold: async (message) => {
        if (message.activityId !== runId) return;
        seen++;
        await held; // the first batch of the run is held; the run's later ones wait behind it
      },
    });
    try {
      const all = await partitions();
      const before = await endOffsets(all);
      // A new group reads from the latest offset once it has its partitions: upload until a batch reaches it.
      let s = 0;
      const deadline = Date.now() + 20_000;
      while (seen === 0 && Date.now() < deadline) {
        const ts = Date.now() - 30_000 + s * 1000;
        await phone.activities.appendPoints.mutate({ activityId: runId, points: [{ id: randomUUID(), ts, lat: 37.5 + s * 0.00003, lng: 126.9, altitude: null, accuracy: 4, speed: 3 }] });
        s++;
        await sleep(300);
      }
      expect(seen).toBe(1);
      const after = await endOffsets(all);
      const partition = all.find((p) => (after.get(p) ?? 0n) > (before.get(p) ?? 0n))!;
      expect(partition).toBeDefined();

      await sleep(2_500); // two commit intervals (and two of the old autocommit's)
      expect(await committed(partition)).toBeLessThan(0n); // nothing folded on it yet: nothing committed

      release();
      const end = after.get(partition)!;
      let offset = -1n;
      for (const stop = Date.now() + 5_000; offset < end && Date.now() < stop; await sleep(200)) offset = await committed(partition);
      expect(offset).toBe(end); // everything folded now, up to the last upload
    } finally {
      release();
      await fanout.stop();
    }
  });
});
