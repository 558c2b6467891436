/**
 * Syncing a run's lifecycle events through the app's real tRPC HTTP handler, real PostgreSQL and real
 * Cassandra, delivered the way an outbox delivers them: late, twice, shuffled inside a batch.
 * Refusals are in run-events-refusals.int.test.ts.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it, beforeAll } from "vitest";
import { getLocationStore } from "@/server/cassandra";
import { getDb } from "@/server/db";
import { QueueUnavailableError } from "@/server/errors";
import { getLocationPublisher } from "@/server/kafka";
import { createLocationPublisher } from "@/server/kafka/producer";
import { kafkaSettingsFromEnv } from "@/server/kafka/settings";
import { waitForRecord } from "@/test-support/pipeline";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { expectTrpcError, runEvents, storedRun } from "@/test-support/integration-runs";
import { syncRunEvents } from "./run-events";

const MIN = 60_000;

function point(ts: number, lat: number) {
  return { id: randomUUID(), ts, lat, lng: 127, altitude: null, accuracy: 5, speed: null };
}

describe("activities.syncEvents", () => {
  let owner: TestUser;
  let stranger: TestUser;
  const t0 = Date.now() - 30 * MIN;

  beforeAll(async () => {
    [owner, stranger] = await Promise.all([signUpTestUser("runner"), signUpTestUser("other")]);
  });

  it("creates the activity from its start event", async () => {
    const run = runEvents();
    const start = run.start(t0);
    const result = await trpcClientFor(owner).activities.syncEvents.mutate({ activityId: run.activityId, events: [start] });
    expect(result).toEqual({
      acknowledged: [start.id],
      state: { status: "active", startedAt: t0, finishedAt: null, pauses: [], lastSeq: 1 },
    });
    const activity = await trpcClientFor(owner).activities.get.query({ id: run.activityId });
    expect(activity).toMatchObject({ status: "active", finishedAt: null, pauses: [], courseTitleEn: expect.any(String) });
    expect(activity.startedAt.getTime()).toBe(t0);
    const stored = await storedRun(run.activityId);
    expect(stored.activity?.userId).toBe(owner.id);
    expect(stored.events.map((e) => [e.id, e.seq, e.type])).toEqual([[start.id, 1, "start"]]);
  });

  it("changes nothing when the same batch arrives twice, one after the other or at once", async () => {
    const run = runEvents();
    const events = [run.start(t0), run.pause(t0 + MIN), run.resume(t0 + 2 * MIN)];
    const client = trpcClientFor(owner);
    const first = await client.activities.syncEvents.mutate({ activityId: run.activityId, events });
    const before = await storedRun(run.activityId);
    const second = await client.activities.syncEvents.mutate({ activityId: run.activityId, events });
    expect(second).toEqual(first);
    expect(await storedRun(run.activityId)).toEqual(before);

    const racing = runEvents();
    const batch = { activityId: racing.activityId, events: [racing.start(t0), racing.pause(t0 + MIN)] };
    const results = await Promise.all([client.activities.syncEvents.mutate(batch), client.activities.syncEvents.mutate(batch)]);
    expect(results[0]).toEqual(results[1]);
    expect((await storedRun(racing.activityId)).events).toHaveLength(2);
  });

  it("applies a shuffled batch in sequence order", async () => {
    const run = runEvents();
    const [start, pause, resume, finish] = [
      run.start(t0),
      run.pause(t0 + MIN),
      run.resume(t0 + 3 * MIN),
      run.finish(t0 + 10 * MIN, "stopped"),
    ];
    const result = await trpcClientFor(owner).activities.syncEvents.mutate({
      activityId: run.activityId,
      events: [finish!, resume!, start!, pause!],
    });
    expect(result.acknowledged).toEqual([finish!.id, resume!.id, start!.id, pause!.id]);
    expect(result.state).toEqual({
      status: "stopped",
      startedAt: t0,
      finishedAt: t0 + 10 * MIN,
      pauses: [{ at: t0 + MIN, resumedAt: t0 + 3 * MIN }],
      lastSeq: 4,
    });
    expect((await storedRun(run.activityId)).events.map((e) => e.type)).toEqual(["start", "pause", "resume", "finish"]);
  });

  it("folds events delivered late in separate batches into the right pauses and times", async () => {
    const run = runEvents();
    const client = trpcClientFor(owner);
    const sync = (...events: ReturnType<typeof run.start>[]) =>
      client.activities.syncEvents.mutate({ activityId: run.activityId, events });
    await sync(run.start(t0));
    expect((await sync(run.pause(t0 + 5 * MIN))).state.status).toBe("paused");
    expect((await client.activities.get.query({ id: run.activityId })).status).toBe("paused");
    await sync(run.resume(t0 + 7 * MIN), run.pause(t0 + 12 * MIN));
    const { state } = await sync(run.finish(t0 + 20 * MIN));
    const pauses = [
      { at: t0 + 5 * MIN, resumedAt: t0 + 7 * MIN },
      // Finishing while paused closes the pause at the finish.
      { at: t0 + 12 * MIN, resumedAt: t0 + 20 * MIN },
    ];
    expect(state).toEqual({ status: "completed", startedAt: t0, finishedAt: t0 + 20 * MIN, pauses, lastSeq: 5 });
    const activity = await client.activities.get.query({ id: run.activityId });
    expect(activity).toMatchObject({ status: "completed", pauses, activeSeconds: 10 * 60 });
    expect(activity.finishedAt?.getTime()).toBe(t0 + 20 * MIN);
  });

  it("computes the record from the points appended before the finish, off the request path", async () => {
    const run = runEvents();
    const client = trpcClientFor(owner);
    await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(t0)] });
    // 0.001° of latitude is about 111.2 m.
    const points = [point(t0 + MIN, 37.5), point(t0 + 2 * MIN, 37.501), point(t0 + 3 * MIN, 37.502)];
    await client.activities.appendPoints.mutate({ activityId: run.activityId, points });
    expect((await client.activities.get.query({ id: run.activityId })).distanceMeters).toBeNull();
    await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.finish(t0 + 4 * MIN)] });
    expect(await client.activities.get.query({ id: run.activityId })).toMatchObject({ status: "completed", recordPending: true });
    await waitForRecord(run.activityId);
    const activity = await client.activities.get.query({ id: run.activityId });
    expect(activity.distanceMeters).toBeCloseTo(222.39, 1);
    expect(activity.pointCount).toBe(3);
    const [listed] = (await client.activities.list.query()).filter((a) => a.id === run.activityId);
    expect(listed).toMatchObject({ status: "completed", pointCount: 3, recordPending: false });
  });

  it("keeps the finish when Kafka is down (503), the record stays owed, and the retry gets it computed", async () => {
    const run = runEvents();
    const publisher = getLocationPublisher();
    const start = run.start(t0);
    await syncRunEvents({ db: getDb(), publisher }, owner.id, { activityId: run.activityId, events: [start] });
    await (await getLocationStore()).append(run.activityId, [point(t0 + MIN, 37.5), point(t0 + 2 * MIN, 37.501)]);
    const batch = { activityId: run.activityId, events: [start, run.finish(t0 + 3 * MIN)] };
    // Port 1 on loopback: nothing listens, as for a stopped broker.
    const down = createLocationPublisher({ ...kafkaSettingsFromEnv(), brokers: ["127.0.0.1:1"], produceTimeoutMs: 1_000 });
    const started = Date.now();
    await expect(syncRunEvents({ db: getDb(), publisher: down }, owner.id, batch)).rejects.toBeInstanceOf(QueueUnavailableError);
    expect(Date.now() - started).toBeLessThan(3_000);
    await down.close().catch(() => undefined);
    const kept = await storedRun(run.activityId);
    expect(kept.events).toHaveLength(2);
    expect(kept.activity).toMatchObject({ status: "completed", recordComputedAt: null, distanceMeters: null, recordRequestedSeq: 1, recordComputedSeq: 0 });

    await syncRunEvents({ db: getDb(), publisher }, owner.id, batch);
    const after = await waitForRecord(run.activityId);
    expect((await storedRun(run.activityId)).events).toEqual(kept.events);
    expect(after.pointCount).toBe(2);
    expect(after.distanceMeters).toBeCloseTo(111.19, 1);
  });

  it("get shows a run only to its runner; to anyone else it does not exist", async () => {
    const run = runEvents();
    await trpcClientFor(owner).activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(t0)] });
    await expectTrpcError(trpcClientFor(stranger).activities.get.query({ id: run.activityId }), "NOT_FOUND", /^No activity /);
    await expectTrpcError(trpcClientFor(owner).activities.get.query({ id: randomUUID() }), "NOT_FOUND");
    await expectTrpcError(trpcClientFor(null).activities.get.query({ id: run.activityId }), "UNAUTHORIZED");
  });
});
