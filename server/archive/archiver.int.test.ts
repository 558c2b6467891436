/**
 * The archiver against the real stores: runs from 2001 (so that only this file's runs are due for its cutoff of
 * 2002, whatever else the suite uploads meanwhile) recorded through the real pipeline, moved to the cold tier,
 * read back, given late points, stopped at every step, and fought over by two archivers.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TrackPoint } from "@/domain/geo/track-point";
import { getCassandra, getLocationStore } from "@/server/cassandra";
import { createColdLocations, type ColdLocations } from "@/server/cassandra/cold-locations";
import { createHotLocations, type HotLocations, type LocationStore } from "@/server/cassandra/location-store";
import { quantizePoint } from "@/server/cassandra/packed-points";
import { getDb } from "@/server/db";
import { computeAndStoreRecord } from "@/server/activities/record-job";
import { activities } from "@/server/db/schema";
import { env } from "@/server/env";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { runEvents } from "@/test-support/integration-runs";
import { waitForPoints, waitForRecord } from "@/test-support/pipeline";
import { archivePass } from "./archive-pass";
import { archiveRun } from "./archive-run";
import { checkArchiveAge, hotTtlSeconds } from "./archive-settings";
import { claimDueRuns } from "./claims";

const CUTOFF = new Date(Date.UTC(2002, 0, 1));
/**
 * The archiver's clock two minutes ahead, so the points just written are past the settle window (the tombstone is
 * still dated no later than the newest row read, so a late upload right after is not hidden by it).
 */
const later = () => Date.now() + 120_000;

let runner: TestUser;
let hot: HotLocations;
let cold: ColdLocations;
let store: LocationStore;

function track(startedAt: number, count: number, from = 0): TrackPoint[] {
  return Array.from({ length: count }, (_, k) => ({
    id: randomUUID(),
    ts: startedAt + 1_000 * (from + k + 1),
    lat: 37.55 + (from + k) * 0.0000271828,
    lng: 126.98 + (from + k) * 0.0000314159,
    altitude: (from + k) % 7 === 0 ? null : 30 + (from + k) * 0.0123,
    accuracy: 4.25,
    speed: (from + k) % 5 === 0 ? null : 2.9,
  }));
}

/** A finished run from 2001 with `count` points, through the API and the pipeline, its record computed. */
async function oldRun(count: number, day = 1) {
  const client = trpcClientFor(runner);
  const startedAt = Date.UTC(2001, 4, day, 6, 0, 0);
  const run = runEvents();
  await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(startedAt)] });
  const points = track(startedAt, count);
  for (let i = 0; i < points.length; i += 400) {
    await client.activities.appendPoints.mutate({ activityId: run.activityId, points: points.slice(i, i + 400) });
  }
  await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.finish(startedAt + (count + 60) * 1_000)] });
  await waitForPoints(run.activityId, points.map((p) => p.id), 60_000);
  await waitForRecord(run.activityId, (row) => row.pointCount === count, 60_000);
  return { activityId: run.activityId, startedAt, points, client };
}

const activityRow = async (id: string) => (await getDb().select().from(activities).where(eq(activities.id, id)))[0]!;
const pass = () => archivePass({ db: getDb(), hot, cold, now: later }, { cutoff: CUTOFF });

describe("the archiver on the real stores", () => {
  beforeAll(async () => {
    runner = await signUpTestUser("archive");
    const client = await getCassandra();
    hot = createHotLocations(client);
    cold = createColdLocations(client);
    store = await getLocationStore();
  }, 60_000);
  afterAll(async () => {
    // leave nothing of 2001 due for a rerun of this file on the same database
    await pass();
  });

  it("moves an old run to the cold tier, reads it back the same, and a second pass has nothing to do", async () => {
    const run = await oldRun(5_000); // two chunks
    const before = await store.read(run.activityId);
    const recordBefore = (await activityRow(run.activityId)).record!;

    const result = await pass();
    expect(result).toMatchObject({ archived: 1, failed: 0, claimLost: 0, points: 5_000 });
    expect(await hot.read(run.activityId)).toEqual([]);
    const versions = await cold.readVersions(run.activityId);
    expect(versions).toHaveLength(1);
    expect(await store.read(run.activityId)).toEqual(before.map(quantizePoint));
    const row = await activityRow(run.activityId);
    expect(row.coldPointsAt).not.toBeNull();
    expect(row.archiveClaim).toBeNull();
    // the record computed again from the cold copy: the same run, to the format's resolution
    expect(await computeAndStoreRecord({ db: getDb(), locationStore: getLocationStore }, run.activityId)).toBe("stored");
    const recomputed = (await activityRow(run.activityId)).record!;
    expect(recomputed.pointCount).toBe(recordBefore.pointCount);
    expect(recomputed.distanceMeters).toBeCloseTo(recordBefore.distanceMeters, 2);
    expect(recomputed.movingSeconds).toBe(recordBefore.movingSeconds);

    expect(await pass()).toMatchObject({ due: 0, archived: 0 });
  }, 120_000);

  it("lets a late upload for an archived run reach the run and its record, and folds it in on the next pass", async () => {
    const run = await oldRun(300, 2);
    await pass();
    const late = track(run.startedAt, 50, 300);
    await run.client.activities.appendPoints.mutate({ activityId: run.activityId, points: late });
    await waitForRecord(run.activityId, (row) => row.pointCount === 350, 60_000);
    const all = await store.read(run.activityId);
    expect(all).toHaveLength(350);
    const row = await activityRow(run.activityId);
    expect(row.latePointsSeq).toBeGreaterThan(row.coldLatePointsSeq);

    const folded = await pass();
    expect(folded).toMatchObject({ archived: 1, points: 350 });
    expect(await hot.read(run.activityId)).toEqual([]);
    expect(await cold.readVersions(run.activityId)).toHaveLength(1);
    expect(await store.read(run.activityId)).toEqual(all.map(quantizePoint));
  }, 120_000);

  it("stopped at any step and run again, loses no point and counts none twice", async () => {
    const steps = ["writeVersion", "readBack", "deleteWrittenBefore", "recheck", "deleteVersionsBefore"] as const;
    for (const [i, step] of steps.entries()) {
      const run = await oldRun(120, 10 + i);
      const expected = (await store.read(run.activityId)).map(quantizePoint);
      let coldReads = 0;
      let hotReads = 0;
      const crash = (name: string) => () => Promise.reject(new Error(`crashed before ${name}`));
      const failingCold: ColdLocations = {
        ...cold,
        writeVersion: step === "writeVersion" ? crash(step) : cold.writeVersion,
        readVersions: (id) => (step === "readBack" && ++coldReads === 2 ? crash(step)() : cold.readVersions(id)),
        deleteVersionsBefore: step === "deleteVersionsBefore" ? crash(step) : cold.deleteVersionsBefore,
      };
      const failingHot: HotLocations = {
        ...hot,
        read: (id) => (step === "recheck" && ++hotReads === 1 ? crash(step)() : hot.read(id)),
        deleteWrittenBefore: step === "deleteWrittenBefore" ? crash(step) : hot.deleteWrittenBefore,
      };
      const claim = await claimDueRuns(getDb(), { cutoff: CUTOFF, limit: 10, leaseMs: 1 });
      const mine = claim.runs.find((r) => r.id === run.activityId)!;
      await expect(archiveRun({ db: getDb(), hot: failingHot, cold: failingCold, now: later }, claim.token, mine)).rejects.toThrow(/crashed/);
      // raw hot rows or the quantized copy, depending on the step: the same points either way
      expect((await store.read(run.activityId)).map(quantizePoint), `after a crash before ${step}`).toEqual(expected);

      await new Promise((resolve) => setTimeout(resolve, 5)); // the 1 ms claim has run out
      await pass();
      const after = await store.read(run.activityId);
      expect(after, `after the rerun following a crash before ${step}`).toEqual(expected);
      expect(new Set(after.map((p) => p.id)).size).toBe(expected.length);
    }
  }, 300_000);

  it("keeps the hot rows when another archiver took the run over from one whose claim ran out", async () => {
    const run = await oldRun(200, 20);
    const expected = (await store.read(run.activityId)).map(quantizePoint);
    const stale = await claimDueRuns(getDb(), { cutoff: CUTOFF, limit: 10, leaseMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const current = await claimDueRuns(getDb(), { cutoff: CUTOFF, limit: 10, leaseMs: 60_000 });
    const staleRun = stale.runs.find((r) => r.id === run.activityId)!;
    const currentRun = current.runs.find((r) => r.id === run.activityId)!;
    expect(currentRun).toBeDefined();

    const deps = { db: getDb(), hot, cold, now: later };
    expect((await archiveRun(deps, stale.token, staleRun)).outcome).toBe("claim-lost");
    expect(await hot.read(run.activityId)).toHaveLength(200);
    expect((await archiveRun(deps, current.token, currentRun)).outcome).toBe("archived");
    expect(await store.read(run.activityId)).toEqual(expected);
  }, 120_000);

  it("reads the hot table's expiry and refuses an archive age too close to it", async () => {
    const ttl = await hotTtlSeconds(await getCassandra(), env().CASSANDRA_KEYSPACE);
    expect(ttl).toBe(180 * 86_400);
    expect(() => checkArchiveAge(90, ttl)).not.toThrow();
    expect(() => checkArchiveAge(151, ttl)).toThrow(/less than 30 days/);
    expect(() => checkArchiveAge(400, 0)).not.toThrow();
  });
});
