/**
 * A point id is the point's identity (issue 16, class 2): a batch that names one id twice with other content is
 * refused naming both copies and stores nothing; an id sent again in a later batch with another time (Cassandra
 * then holds two rows: the clustering key is (ts, point_id)) is one point to every reader, the earlier-timed
 * copy: the stored points, the GPX export, the elevation profile and the record's count.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getCassandra } from "@/server/cassandra";
import { createHotLocations } from "@/server/cassandra/location-store";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { expectTrpcError, runEvents } from "@/test-support/integration-runs";
import { waitForPoints, waitForRecord } from "@/test-support/pipeline";

const point = (ts: number, lat: number, id: string = randomUUID()) => ({ id, ts, lat, lng: 127, altitude: 20 + lat, accuracy: 4, speed: 2.5 });

describe("one point id is one point", () => {
  let owner: TestUser;
  beforeAll(async () => {
    owner = await signUpTestUser("pointid");
  });

  it("a batch with one id twice, other time or position: 400 naming both, nothing stored; the same copy twice is fine", async () => {
    const run = runEvents();
    const t0 = Date.now() - 120_000;
    const client = trpcClientFor(owner);
    await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(t0)] });
    const twice = point(t0 + 10_000, 37.5);
    await expectTrpcError(
      client.activities.appendPoints.mutate({ activityId: run.activityId, points: [twice, point(t0 + 11_000, 37.5001), { ...twice, ts: t0 + 12_000 }] }),
      "BAD_REQUEST",
      new RegExp(`^points\\.2\\.id: ${twice.id} is also points\\.0, with another time or position`),
    );
    await expectTrpcError(
      client.activities.appendPoints.mutate({ activityId: run.activityId, points: [twice, { ...twice, lat: 37.6 }] }),
      "BAD_REQUEST",
      /^points\.1\.id: /,
    );
    const repeated = point(t0 + 20_000, 37.5002);
    await client.activities.appendPoints.mutate({ activityId: run.activityId, points: [repeated, repeated] });
    const stored = await waitForPoints(run.activityId, [repeated.id]);
    expect(stored.map((p) => p.id)).toEqual([repeated.id]);
  });

  it("an id re-sent with another time: every reader keeps the earlier-timed copy, once", async () => {
    const run = runEvents();
    const t0 = Date.now() - 120_000;
    const client = trpcClientFor(owner);
    await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(t0)] });
    const points = [10, 20, 30, 40].map((s, i) => point(t0 + s * 1_000, 37.5 + i * 0.0005));
    await client.activities.appendPoints.mutate({ activityId: run.activityId, points });
    await waitForPoints(run.activityId, points.map((p) => p.id));
    // The second point's id again, later and elsewhere; the third's again, earlier.
    const later = { ...points[1]!, ts: t0 + 45_000, lat: 37.51 };
    const earlier = { ...points[2]!, ts: t0 + 15_000, lat: 37.52 };
    const marker = point(t0 + 50_000, 37.502);
    await client.activities.appendPoints.mutate({ activityId: run.activityId, points: [later, earlier, marker] });
    const read = await waitForPoints(run.activityId, [marker.id]);
    expect(read.map((p) => [p.id, p.ts])).toEqual([
      [points[0]!.id, points[0]!.ts],
      [earlier.id, earlier.ts],
      [points[1]!.id, points[1]!.ts],
      [points[3]!.id, points[3]!.ts],
      [marker.id, marker.ts],
    ]);
    // Cassandra does hold both rows of each: the rule is the readers'.
    expect((await createHotLocations(await getCassandra()).read(run.activityId)).length).toBe(7);

    const gpx = await client.activities.exportGpx.query({ id: run.activityId });
    expect(gpx.pointCount).toBe(5);
    expect(gpx.xml.match(/<trkpt /g)).toHaveLength(5);
    await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.finish(t0 + 60_000)] });
    const record = await waitForRecord(run.activityId);
    expect(record.pointCount).toBe(5);
    const profile = await client.activities.elevationProfile.query({ id: run.activityId });
    expect(profile.length).toBeGreaterThan(0);
  });
});
