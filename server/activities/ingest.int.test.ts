/**
 * The ingest mutation through the app's real tRPC HTTP handler, real PostgreSQL, Kafka and Cassandra (the
 * integration setup runs a Location Service): good batches reach Cassandra, and every bad one is refused
 * with a reason and never reaches Kafka. "Never reaches" is shown with a later good batch of the same run:
 * one run's messages are one partition, in order, so once the later batch is in Cassandra anything sent
 * before it would be too.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { expectTrpcError, runEvents } from "@/test-support/integration-runs";
import { waitForPoints, waitForRecord } from "@/test-support/pipeline";
import { MAX_POINTS_PER_BATCH } from "./schemas";

function point(ts: number, overrides: Partial<{ lat: number; lng: number }> = {}) {
  return { id: randomUUID(), ts, lat: 37.52, lng: 126.93, altitude: 15, accuracy: 4, speed: 2.8, ...overrides };
}

describe("activities.appendPoints", () => {
  let owner: TestUser;
  let stranger: TestUser;
  let activityId: string;
  let startedAt: number;

  /** Sends a good batch and waits for it: everything sent for the run before it has been written by then. */
  async function storedIdsAfterNextBatch(): Promise<Set<string>> {
    const sentinel = point(startedAt + 50_000);
    await trpcClientFor(owner).activities.appendPoints.mutate({ activityId, points: [sentinel] });
    return new Set((await waitForPoints(activityId, [sentinel.id])).map((p) => p.id));
  }

  beforeAll(async () => {
    [owner, stranger] = await Promise.all([signUpTestUser("owner"), signUpTestUser("stranger")]);
    const run = runEvents();
    activityId = run.activityId;
    startedAt = Date.now() - 60_000;
    await trpcClientFor(owner).activities.syncEvents.mutate({ activityId, events: [run.start(startedAt)] });
  });

  it("acknowledges a good batch with every id, and the Location Service stores it", async () => {
    const points = [point(startedAt + 1_000), point(startedAt + 4_000)];
    const result = await trpcClientFor(owner).activities.appendPoints.mutate({ activityId, points });
    expect(result.stored.sort()).toEqual(points.map((p) => p.id).sort());
    const stored = await waitForPoints(activityId, result.stored);
    expect(stored.map((p) => p.id)).toEqual(points.map((p) => p.id));
  });

  it("refuses a batch for someone else's activity as for one that does not exist (NOT_FOUND) and stores nothing", async () => {
    const foreign = point(startedAt + 5_000);
    await expectTrpcError(
      trpcClientFor(stranger).activities.appendPoints.mutate({ activityId, points: [foreign] }),
      "NOT_FOUND",
      /^No activity /,
    );
    expect((await storedIdsAfterNextBatch()).has(foreign.id)).toBe(false);
  });

  it("refuses an unknown activity (NOT_FOUND) and a signed-out caller (UNAUTHORIZED)", async () => {
    const unknown = randomUUID();
    await expectTrpcError(
      trpcClientFor(owner).activities.appendPoints.mutate({ activityId: unknown, points: [point(startedAt)] }),
      "NOT_FOUND",
    );
    const signedOut = point(startedAt + 2_000);
    await expectTrpcError(
      trpcClientFor(null).activities.appendPoints.mutate({ activityId, points: [signedOut] }),
      "UNAUTHORIZED",
    );
    expect((await storedIdsAfterNextBatch()).has(signedOut.id)).toBe(false);
  });

  it("refuses coordinates out of range (BAD_REQUEST naming the field) and stores nothing of the batch", async () => {
    const good = point(startedAt + 6_000);
    const bad = point(startedAt + 7_000, { lat: 91 });
    await expectTrpcError(
      trpcClientFor(owner).activities.appendPoints.mutate({ activityId, points: [good, bad] }),
      "BAD_REQUEST",
      /points\.1\.lat/,
    );
    await expectTrpcError(
      trpcClientFor(owner).activities.appendPoints.mutate({ activityId, points: [point(startedAt, { lng: -180.5 })] }),
      "BAD_REQUEST",
      /points\.0\.lng/,
    );
    expect((await storedIdsAfterNextBatch()).has(good.id)).toBe(false);
  });

  it("refuses a batch over the size limit (BAD_REQUEST naming the field) and stores nothing", async () => {
    const points = Array.from({ length: MAX_POINTS_PER_BATCH + 1 }, (_, i) => point(startedAt + i));
    await expectTrpcError(
      trpcClientFor(owner).activities.appendPoints.mutate({ activityId, points }),
      "BAD_REQUEST",
      /^points: /,
    );
    const ids = await storedIdsAfterNextBatch();
    expect(points.some((p) => ids.has(p.id))).toBe(false);
  });

  it("refuses points outside the run's time window and in the future", async () => {
    const early = point(startedAt - 3_600_000);
    const future = point(Date.now() + 3_600_000);
    await expectTrpcError(
      trpcClientFor(owner).activities.appendPoints.mutate({ activityId, points: [early] }),
      "BAD_REQUEST",
      /points\.0\.ts/,
    );
    await expectTrpcError(
      trpcClientFor(owner).activities.appendPoints.mutate({ activityId, points: [future] }),
      "BAD_REQUEST",
      /points\.0\.ts/,
    );
    const ids = await storedIdsAfterNextBatch();
    expect(ids.has(early.id) || ids.has(future.id)).toBe(false);
  });

  it("finishing computes the distance from the stored points; a late batch updates it", async () => {
    const run = runEvents();
    const id = run.activityId;
    const t0 = Date.now() - 120_000;
    const client = trpcClientFor(owner);
    await client.activities.syncEvents.mutate({ activityId: id, events: [run.start(t0)] });
    // 0.001° of latitude is about 111.2 m.
    await client.activities.appendPoints.mutate({
      activityId: id,
      // The first after the receiver's 5 s warm-up (earlier fixes are not counted: docs/record.md).
      points: [point(t0 + 10_000, { lat: 37.5, lng: 127 }), point(t0 + 30_000, { lat: 37.501, lng: 127 })],
    });
    const finished = await client.activities.syncEvents.mutate({ activityId: id, events: [run.finish(t0 + 60_000)] });
    expect(finished.state.status).toBe("completed");
    expect((await client.activities.get.query({ id })).recordPending).toBe(true);
    expect((await waitForRecord(id)).distanceMeters).toBeCloseTo(111.19, 1);
    await client.activities.appendPoints.mutate({ activityId: id, points: [point(t0 + 45_000, { lat: 37.502, lng: 127 })] });
    await waitForRecord(id, (row) => row.pointCount === 3);
    const [listed] = (await client.activities.list.query()).filter((a) => a.id === id);
    expect(listed?.distanceMeters).toBeCloseTo(222.39, 1);
    expect(listed?.pointCount).toBe(3);
    expect(listed?.recordPending).toBe(false);
  });
});
