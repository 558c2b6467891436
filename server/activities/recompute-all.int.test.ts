/**
 * Recomputing every record from the stored points: records spoiled in the database (as an older filter
 * would have left them) come back as the points say; a run without a record stays without one; a run
 * whose points cannot be read is reported and the others are still done.
 */
import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getLocationStore } from "@/server/cassandra";
import { getDb } from "@/server/db";
import { activities } from "@/server/db/schema";
import { signUpTestUser, trpcClientFor } from "@/test-support/integration";
import { runEvents } from "@/test-support/integration-runs";
import { computeRecord } from "@/domain/record/compute-record";
import { noisyTrack } from "@/domain/record/testing/noisy-track";
import { computeRecord as computeOldRecord } from "@/scripts/bench/accuracy/baseline/compute-record";
import { MAX_POINTS_PER_BATCH } from "./schemas";
import { waitForRecord } from "@/test-support/pipeline";
import { recomputeAllRecords } from "./recompute-all";

function track(startedAt: number) {
  return Array.from({ length: 8 }, (_, k) => ({
    id: randomUUID(),
    ts: startedAt + 5_000 * (k + 1),
    lat: 37.55 + k * 0.000135,
    lng: 126.98,
    altitude: 30,
    accuracy: 4,
    speed: 3,
  }));
}

describe("recomputeAllRecords", () => {
  it("restores every record from the points, leaves unfinished runs alone and goes on past a failure", async () => {
    const runner = await signUpTestUser("recompute");
    const client = trpcClientFor(runner);
    const finished: string[] = [];
    for (let i = 0; i < 5; i++) {
      const startedAt = Date.now() - (i + 2) * 3_600_000;
      const run = runEvents();
      await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(startedAt)] });
      await client.activities.appendPoints.mutate({ activityId: run.activityId, points: track(startedAt) });
      await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.finish(startedAt + 60_000)] });
      finished.push(run.activityId);
    }
    for (const id of finished) await waitForRecord(id);
    const open = runEvents();
    await client.activities.syncEvents.mutate({ activityId: open.activityId, events: [open.start(Date.now() - 60_000)] });

    const db = getDb();
    const before = await db.select({ id: activities.id, record: activities.record }).from(activities).where(inArray(activities.id, finished));
    const spoiled = { distanceMeters: 0, movingSeconds: 0, pointCount: 0, record: null };
    await db.update(activities).set(spoiled).where(inArray(activities.id, finished));

    const seen: number[] = [];
    const result = await recomputeAllRecords(
      { db, locationStore: getLocationStore },
      { userId: runner.id, concurrency: 2, onProgress: (progress) => seen.push(progress.done) },
    );
    expect(result).toMatchObject({ done: 5, total: 5, failed: [] });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    const after = await db.select({ id: activities.id, record: activities.record }).from(activities).where(inArray(activities.id, finished));
    const byId = (rows: typeof before) => Object.fromEntries(rows.map((row) => [row.id, row.record]));
    expect(byId(after)).toEqual(byId(before));
    expect(Object.values(byId(after)).every((record) => record!.distanceMeters > 100)).toBe(true);
    const [stillOpen] = await db.select({ record: activities.record }).from(activities).where(eq(activities.id, open.activityId));
    expect(stillOpen!.record).toBeNull();

    // The point store failing for one run: that run is reported, the rest are done.
    const broken = finished[2]!;
    const failing = async () => {
      const store = await getLocationStore();
      return { ...store, read: (activityId: string) => (activityId === broken ? Promise.reject(new Error("read timed out")) : store.read(activityId)) };
    };
    const partial = await recomputeAllRecords({ db, locationStore: failing }, { userId: runner.id });
    expect(partial.done).toBe(5);
    expect(partial.failed.map((failure) => failure.activityId)).toEqual([broken]);
  });

  it("brings a record computed by the filter before issue 15 up to date: smoothed distance, a dashed bridge", async () => {
    const runner = await signUpTestUser("recomputeold");
    const client = trpcClientFor(runner);
    // A simulated phone run with a tunnel (seed 6), moved to three hours ago.
    const track = noisyTrack("phone", 6);
    const shift = Date.now() - 3 * 3_600_000 - track.startedAt;
    const points = track.points.map((point) => ({ ...point, id: randomUUID(), ts: point.ts + shift }));
    const startedAt = track.startedAt + shift;
    const finishedAt = track.finishedAt + shift;
    const run = runEvents();
    await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(startedAt)] });
    for (let i = 0; i < points.length; i += MAX_POINTS_PER_BATCH) {
      await client.activities.appendPoints.mutate({ activityId: run.activityId, points: points.slice(i, i + MAX_POINTS_PER_BATCH) });
    }
    await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.finish(finishedAt)] });
    await waitForRecord(run.activityId);

    // What an older deployment stored for these points.
    const old = computeOldRecord({ points, startedAt, finishedAt });
    const db = getDb();
    await db
      .update(activities)
      .set({ distanceMeters: old.distanceMeters, movingSeconds: old.movingSeconds, record: old })
      .where(eq(activities.id, run.activityId));

    const result = await recomputeAllRecords({ db, locationStore: getLocationStore }, { userId: runner.id });
    expect(result).toMatchObject({ done: 1, total: 1, failed: [] });
    const [row] = await db.select().from(activities).where(eq(activities.id, run.activityId));
    const expected = computeRecord({ points, startedAt, finishedAt });
    expect(row!.distanceMeters).toBe(expected.distanceMeters);
    expect(row!.movingSeconds).toBe(expected.movingSeconds);
    expect(row!.record!.route).toEqual(expected.route);
    expect(row!.record!.bridges).toHaveLength(1);
    // The old filter read this run long; the recomputed record is on the truth.
    expect(old.distanceMeters / track.truth.distanceMeters - 1).toBeGreaterThan(0.015);
    expect(Math.abs(row!.distanceMeters! / track.truth.distanceMeters - 1)).toBeLessThan(0.015);
  });
});
