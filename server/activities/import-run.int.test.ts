/**
 * Importing a file end to end through the real HTTP handler, Kafka, the Location Service and Cassandra: the
 * browser's own upload code (app/_lib/import/upload-import.ts) drives the procedures. A file's points land in
 * Cassandra once, even when its import is cut short and repeated, and the stored record is the domain's
 * computeRecord over those points; the same run from another app is a reported duplicate; bounds and
 * ownership are the server's, not the browser's.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { summariseImport } from "@/domain/import/import-summary";
import { toTrackPoints } from "@/domain/import/import-points";
import { readActivityFile, type ImportedTrack } from "@/domain/import/read-activity-file";
import { computeRecord } from "@/domain/record/compute-record";
import { uploadImport, type ImportApi } from "@/app/_lib/import/upload-import";
import { getLocationStore } from "@/server/cassandra";
import { getDb } from "@/server/db";
import { activities } from "@/server/db/schema";
import { GPX_FIXTURES_DIR } from "@/test-support/fixtures";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { expectTrpcError, runEvents } from "@/test-support/integration-runs";
import { waitForRecord } from "@/test-support/pipeline";

const bytesOf = (file: string) => new Uint8Array(readFileSync(file));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function parsed(file: string) {
  const bytes = bytesOf(file);
  const track = readActivityFile({ name: path.basename(file), bytes }, Date.now());
  return { contentHash: sha256(bytes), summary: summariseImport(track), points: track.points, track };
}

function apiFor(user: TestUser): ImportApi {
  const client = trpcClientFor(user);
  return {
    begin: (input) => client.imports.begin.mutate(input),
    appendPoints: (input) => client.activities.appendPoints.mutate(input),
    finish: (input) => client.imports.finish.mutate(input),
    abandon: (input) => client.imports.abandon.mutate(input),
  };
}

async function storedPoints(activityId: string) {
  return (await getLocationStore()).read(activityId);
}

const expectedRecord = (activityId: string, track: ImportedTrack) =>
  computeRecord({ points: toTrackPoints(activityId, track.points), startedAt: track.startedAt, finishedAt: track.finishedAt, pauses: [], courseSteps: [] });

describe("importing a file", () => {
  let owner: TestUser;
  let stranger: TestUser;
  const file = parsed(path.join(GPX_FIXTURES_DIR, "gpxgo-mytracks-android-4.4k.gpx"));
  let activityId: string;

  beforeAll(async () => {
    [owner, stranger] = await Promise.all([signUpTestUser("importer"), signUpTestUser("stranger")]);
  });

  it("stores every point once when an import cut short is repeated, and the record is computeRecord's", async () => {
    const api = apiFor(owner);
    // The first attempt loses the network after two batches of 100 (a retryable failure, given up at once).
    let batches = 0;
    const flaky: ImportApi = {
      ...api,
      appendPoints: async (input) => {
        if (++batches > 2) throw new TypeError("fetch failed");
        return api.appendPoints(input);
      },
    };
    await expect(uploadImport(flaky, file, { maxAttempts: 1, batchSize: 100 })).rejects.toThrow("fetch failed");
    const half = await getDb().select().from(activities).where(eq(activities.userId, owner.id));
    expect(half).toMatchObject([{ status: "active", importedFrom: "gpx" }]);
    const again = await uploadImport(api, file, { batchSize: 100 });
    expect(again.kind).toBe("imported");
    activityId = again.activityId;

    const row = await waitForRecord(activityId, (r) => r.pointCount === file.points.length);
    expect(row).toMatchObject({ userId: owner.id, courseId: null, importedFrom: "gpx", status: "completed" });
    expect(row.finishedAt?.getTime()).toBe(file.summary.finishedAt);
    const stored = await storedPoints(activityId);
    expect(stored).toHaveLength(file.points.length);
    expect(new Set(stored.map((p) => p.id)).size).toBe(file.points.length);
    const expected = expectedRecord(activityId, file.track);
    expect(row.distanceMeters).toBe(expected.distanceMeters);
    expect(row.movingSeconds).toBe(expected.movingSeconds);
    expect(row.record).toEqual(expected);
    expect(row.distanceMeters).toBeGreaterThan(4000);
  });

  it("answers a third import of the same file 'already imported' and stores nothing more", async () => {
    const result = await uploadImport(apiFor(owner), file);
    expect(result).toEqual({ kind: "already-imported", activityId });
    expect(await storedPoints(activityId)).toHaveLength(file.points.length);
  });

  it("reports the same run exported as FIT from another app as a duplicate, creating nothing", async () => {
    const fit = parsed(path.resolve("test-support/import-fixtures/mytracks-run.fit"));
    const result = await uploadImport(apiFor(owner), fit);
    expect(result).toMatchObject({ kind: "duplicate", activityId });
    const runs = await getDb().select({ id: activities.id }).from(activities).where(eq(activities.userId, owner.id));
    expect(runs).toHaveLength(1);
  });

  it("keeps one runner's import out of another's reach; the stranger's own import of the file is theirs", async () => {
    const client = trpcClientFor(stranger);
    await expectTrpcError(client.imports.finish.mutate({ activityId, finishedAt: file.summary.finishedAt }), "NOT_FOUND");
    await expectTrpcError(client.imports.abandon.mutate({ activityId }), "NOT_FOUND");
    const points = toTrackPoints(activityId, file.points.slice(0, 2));
    await expectTrpcError(client.activities.appendPoints.mutate({ activityId, points }), "NOT_FOUND");
    const theirs = await client.imports.begin.mutate({ ...file.summary, contentHash: file.contentHash });
    expect(theirs.outcome).toBe("created");
    expect(theirs.activityId).not.toBe(activityId);
    await client.imports.abandon.mutate({ activityId: theirs.activityId });
    expect(await getDb().select().from(activities).where(eq(activities.id, theirs.activityId))).toHaveLength(0);
  });

  it("checks the bounds itself, and holds the points to the declared window", async () => {
    const client = trpcClientFor(owner);
    const base = { ...file.summary, contentHash: "ab".repeat(32), startedAt: Date.UTC(2020, 0, 1, 8) };
    await expectTrpcError(client.imports.begin.mutate({ ...base, finishedAt: base.startedAt - 1 }), "BAD_REQUEST", /^finishedAt: before/);
    await expectTrpcError(client.imports.begin.mutate({ ...base, finishedAt: base.startedAt + 49 * 3600_000 }), "BAD_REQUEST", /48 hours/);
    await expectTrpcError(client.imports.begin.mutate({ ...base, startedAt: Date.now(), finishedAt: Date.now() + 3600_000 }), "BAD_REQUEST", /future/);
    await expectTrpcError(client.imports.begin.mutate({ ...base, pointCount: 200_001, finishedAt: base.startedAt + 60_000 }), "BAD_REQUEST", /pointCount/);
    await expectTrpcError(client.imports.begin.mutate({ ...base, contentHash: "x", finishedAt: base.startedAt + 60_000 }), "BAD_REQUEST", /contentHash/);
    const begun = await client.imports.begin.mutate({ ...base, finishedAt: base.startedAt + 60_000 });
    const early = toTrackPoints(begun.activityId, [{ ts: base.startedAt - 600_000, lat: 37.5, lng: 127, altitude: null }]);
    await expectTrpcError(client.activities.appendPoints.mutate({ activityId: begun.activityId, points: early }), "BAD_REQUEST", /outside the activity's time window/);
    const { activityId: id } = begun;
    await expectTrpcError(client.imports.finish.mutate({ activityId: id, finishedAt: base.startedAt - 1 }), "BAD_REQUEST", /before startedAt/);
    await expectTrpcError(client.imports.finish.mutate({ activityId: id, finishedAt: base.startedAt + 49 * 3600_000 }), "BAD_REQUEST", /48 hours/);
    expect((await getDb().select().from(activities).where(eq(activities.id, id)))[0]).toMatchObject({ status: "active", finishedAt: null });
    await client.imports.abandon.mutate({ activityId: id });
  });

  it("never finishes or deletes a recorded run", async () => {
    const run = runEvents();
    const client = trpcClientFor(owner);
    await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(Date.now() - 60_000)] });
    await expectTrpcError(client.imports.finish.mutate({ activityId: run.activityId, finishedAt: Date.now() }), "NOT_FOUND");
    await expectTrpcError(client.imports.abandon.mutate({ activityId: run.activityId }), "NOT_FOUND");
    const [row] = await getDb().select().from(activities).where(and(eq(activities.id, run.activityId), eq(activities.status, "active")));
    expect(row).toBeDefined();
  });
});
