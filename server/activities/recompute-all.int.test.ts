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
});
