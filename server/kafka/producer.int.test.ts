/**
 * The publisher under concurrent load: every publish it resolves is in Kafka, so the Location Service
 * writes it to Cassandra. A regression test for @platformatic/kafka 1.35 giving two requests built before
 * the first answer the same sequence number, whereupon the broker acknowledges the second as a duplicate
 * and drops it (producer.ts): with sends in flight side by side, a few of these publishes were lost.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { waitForPoints } from "@/test-support/pipeline";
import { createLocationPublisher } from "./producer";
import { kafkaSettingsFromEnv } from "./settings";

describe("the location publisher", () => {
  const publisher = createLocationPublisher(kafkaSettingsFromEnv(), "runcoach-test-concurrency");
  afterAll(() => publisher.close());

  it("loses none of 600 concurrent publishes over every partition", async () => {
    // 60 runs over the topic's partitions, ten uploads each, all in flight at once.
    const runs = Array.from({ length: 60 }, () => ({ activityId: randomUUID(), ids: [] as string[] }));
    const uploads = runs.flatMap((run) =>
      Array.from({ length: 10 }, (_, i) => {
        const id = randomUUID();
        run.ids.push(id);
        const point = { id, ts: Date.UTC(2026, 11, 1, 7) + i * 3_000, lat: 37.5, lng: 127, altitude: null, accuracy: 5, speed: null };
        return publisher.publish([{ kind: "points", activityId: run.activityId, userId: "concurrency-test", points: [point], receivedAt: Date.now() }]);
      }),
    );
    const outcomes = await Promise.allSettled(uploads);
    expect(outcomes.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    for (const run of runs) {
      const stored = await waitForPoints(run.activityId, run.ids, 15_000);
      expect(stored.map((point) => point.id).sort()).toEqual([...run.ids].sort());
    }
  }, 60_000);
});
