/**
 * History through the app's real tRPC handler, real PostgreSQL and real Cassandra: keyset pages hold every
 * run exactly once (also with equal start times), totals are the sums of the stored records, a run's detail
 * and GPX export are for its owner, and a stranger gets "not found" for all of it.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { parseGpxPoints } from "@/domain/gpx/parse-gpx";
import { getDb } from "@/server/db";
import { stableUuid } from "@/server/db/seed-catalog";
import { activities, friendships, user } from "@/server/db/schema";
import { waitForRecord } from "@/test-support/pipeline";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { expectTrpcError, runEvents } from "@/test-support/integration-runs";

const OTHER_PROGRAM_COURSE = stableUuid("course:5k-improvement-w1s1");
const RUNS = 25;
const HOUR = 3_600_000;

/** Ten fixes 5 s apart, heading north at about 3 m/s: a short run with a real distance. */
function trackFrom(startedAt: number, seed: number) {
  return Array.from({ length: 10 }, (_, k) => ({
    id: randomUUID(),
    ts: startedAt + 5_000 * (k + 1),
    lat: 37.5 + seed * 0.01 + k * 0.000135,
    lng: 126.9,
    altitude: 20 + k,
    accuracy: 4,
    speed: 3,
  }));
}

/** The first and last fix of a test track: a straight line, so its simplified route is just these two. */
function trackEnds(startedAt: number, seed: number) {
  const track = trackFrom(startedAt, seed);
  return [track[0]!, track.at(-1)!].map((point) => [point.lat, point.lng]);
}

/**
 * The route's first and last points are the track's ends, to within 5 mm (the record's smoother may
 * move a fix by a fraction of that: docs/record.md).
 */
function expectRouteEndsAtTrack(route: [number, number][][], startedAt: number, seed: number) {
  const ends = trackEnds(startedAt, seed);
  [route.flat()[0], route.flat().at(-1)].forEach((point, index) => {
    expect(point).toBeDefined();
    expect(point![0]).toBeCloseTo(ends[index]![0]!, 7);
    expect(point![1]).toBeCloseTo(ends[index]![1]!, 7);
  });
}

/** A history card's preview of a test track: its two ends (a straight line), rounded to about a metre. */
function expectPreviewOfTrack(preview: [number, number][][] | undefined, startedAt: number, seed: number) {
  expect(preview).toHaveLength(1);
  const ends = trackEnds(startedAt, seed);
  expect(preview![0]).toHaveLength(2);
  preview![0]!.forEach(([lat, lng], index) => {
    expect(lat).toBeCloseTo(ends[index]![0]!, 4);
    expect(lng).toBeCloseTo(ends[index]![1]!, 4);
  });
}

describe("history, run detail and GPX export", () => {
  let owner: TestUser;
  let stranger: TestUser;
  const created: { id: string; startedAt: number; points: number[] }[] = [];
  let uploadingId: string;
  const base = Date.now() - 20 * 24 * HOUR;

  beforeAll(async () => {
    [owner, stranger] = await Promise.all([signUpTestUser("historian"), signUpTestUser("stranger")]);
    const client = trpcClientFor(owner);
    for (let i = 0; i < RUNS; i++) {
      // Groups of three share a start time, so only the id can order them.
      const startedAt = base + Math.floor(i / 3) * 12 * HOUR;
      const run = runEvents(randomUUID(), i % 5 === 0 ? OTHER_PROGRAM_COURSE : undefined);
      await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(startedAt)] });
      const points = trackFrom(startedAt, i);
      await client.activities.appendPoints.mutate({ activityId: run.activityId, points });
      await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.finish(startedAt + 60_000)] });
      created.push({ id: run.activityId, startedAt, points: points.map((p) => p.ts) });
    }
    for (const { id } of created) await waitForRecord(id);
    const open = runEvents();
    uploadingId = open.activityId;
    await client.activities.syncEvents.mutate({ activityId: uploadingId, events: [open.start(Date.now() - 60_000)] });
  }, 120_000);

  it("pages through every run exactly once, newest first, with equal start times", async () => {
    const client = trpcClientFor(owner);
    const seen: { id: string; startedAt: Date }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.activities.history.query({ limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil((RUNS + 1) / 4));
    expect(new Set(seen.map((item) => item.id)).size).toBe(RUNS + 1);
    expect(seen.map((item) => item.id).sort()).toEqual([...created.map((run) => run.id), uploadingId].sort());
    const times = seen.map((item) => item.startedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(seen[0]!.id).toBe(uploadingId);
  });

  it("shows an unfinished run as such and finished runs with their record's numbers", async () => {
    const { items } = await trpcClientFor(owner).activities.history.query({ limit: 2 });
    expect(items[0]).toMatchObject({ id: uploadingId, status: "active", finishedAt: null, distanceMeters: null });
    expect(items[1]!.status).toBe("completed");
    expect(items[1]!.distanceMeters).toBeGreaterThan(100);
    expect(items[1]!.averagePaceSecondsPerKm).toBeGreaterThan(0);
  });

  it("filters by program and by time", async () => {
    const client = trpcClientFor(owner);
    const fiveK = await client.activities.history.query({ program: "5k-improvement", limit: 50 });
    expect(fiveK.items.map((item) => item.id).sort()).toEqual(created.filter((_, i) => i % 5 === 0).map((r) => r.id).sort());
    expect(fiveK.items.every((item) => item.programSlug === "5k-improvement")).toBe(true);
    const window = await client.activities.history.query({
      from: new Date(base),
      to: new Date(base + 12 * HOUR),
      limit: 50,
    });
    expect(window.items).toHaveLength(3);
    // The filter offers exactly the programs the runner has run, in catalog order.
    const offered = await client.activities.historyPrograms.query({});
    expect(offered.map((program) => program.slug)).toEqual(["30-minute-run-challenge", "5k-improvement"]);
  });

  it("totals per month are the sums of the stored records", async () => {
    const rows = await getDb().select().from(activities).where(eq(activities.userId, owner.id));
    const expected = new Map<string, { runs: number; distance: number; moving: number }>();
    for (const row of rows) {
      const key = `${row.startedAt.toISOString().slice(0, 7)}-01`;
      const entry = expected.get(key) ?? { runs: 0, distance: 0, moving: 0 };
      entry.runs++;
      entry.distance += row.record?.distanceMeters ?? 0;
      entry.moving += row.record?.movingSeconds ?? 0;
      expected.set(key, entry);
    }
    const totals = await trpcClientFor(owner).activities.monthlyTotals.query({ count: 3 });
    expect(totals).toHaveLength(3);
    expect(totals.at(-1)!.period).toBe(`${new Date().toISOString().slice(0, 7)}-01`);
    for (const total of totals) {
      const entry = expected.get(total.period) ?? { runs: 0, distance: 0, moving: 0 };
      expect(total.runs).toBe(entry.runs);
      expect(total.distanceMeters).toBeCloseTo(entry.distance, 6);
      expect(total.movingSeconds).toBeCloseTo(entry.moving, 6);
    }
    expect(totals.reduce((sum, total) => sum + total.runs, 0)).toBe(RUNS + 1);
    const weeks = await trpcClientFor(owner).activities.weeklyTotals.query({ count: 8 });
    expect(weeks).toHaveLength(8);
    expect(weeks.reduce((sum, week) => sum + week.runs, 0)).toBe(RUNS + 1);
  });

  it("gives the owner a run's detail with its record and course steps", async () => {
    const run = created[4]!;
    const detail = await trpcClientFor(owner).activities.detail.query({ id: run.id });
    expect(detail.id).toBe(run.id);
    expect(detail.record?.pointCount).toBe(10);
    expectRouteEndsAtTrack(detail.record!.route, run.startedAt, 4);
    expect(detail.courseSteps.length).toBeGreaterThan(0);
    expect(detail.isOwner).toBe(true);
  });

  it("exports every stored point as GPX with the same timestamps", async () => {
    const run = created[7]!;
    const gpx = await trpcClientFor(owner).activities.exportGpx.query({ id: run.id });
    expect(gpx.fileName).toMatch(/^run-\d{4}-\d{2}-\d{2}-\d{4}\.gpx$/);
    const points = parseGpxPoints(gpx.xml);
    expect(points).toHaveLength(run.points.length);
    expect(points.map((p) => p.ts)).toEqual(run.points);
    expect(points.map((p) => p.altitude)).toEqual(run.points.map((_, k) => 20 + k));
    const profile = await trpcClientFor(owner).activities.elevationProfile.query({ id: run.id });
    expect(profile.map((sample) => sample.altitude)).toEqual(run.points.map((_, k) => 20 + k));
    expect(profile.at(-1)!.meters).toBeGreaterThan(100);
  });

  it("answers a stranger NOT_FOUND for the list, totals, detail and export, and a signed-out caller UNAUTHORIZED", async () => {
    const client = trpcClientFor(stranger);
    const id = created[0]!.id;
    await expectTrpcError(client.activities.history.query({ ownerId: owner.id }), "NOT_FOUND");
    await expectTrpcError(client.activities.monthlyTotals.query({ ownerId: owner.id }), "NOT_FOUND");
    await expectTrpcError(client.activities.detail.query({ id }), "NOT_FOUND");
    await expectTrpcError(client.activities.exportGpx.query({ id }), "NOT_FOUND");
    await expectTrpcError(client.activities.elevationProfile.query({ id }), "NOT_FOUND");
    await expectTrpcError(client.activities.detail.query({ id: randomUUID() }), "NOT_FOUND");
    expect((await client.activities.history.query({})).items).toEqual([]);
    await expectTrpcError(trpcClientFor(null).activities.exportGpx.query({ id }), "UNAUTHORIZED");
  });

  it("refuses a malformed cursor and a page over 50", async () => {
    const client = trpcClientFor(owner);
    await expectTrpcError(client.activities.history.query({ cursor: "nonsense" }), "BAD_REQUEST");
    await expectTrpcError(client.activities.history.query({ limit: 51 }), "BAD_REQUEST");
  });

  it("gives every card a small route preview, also for a run recorded before previews were stored", async () => {
    const client = trpcClientFor(owner);
    const run = created[4]!;
    const before = await client.activities.history.query({ limit: 50 });
    expectPreviewOfTrack(before.items.find((item) => item.id === run.id)?.routePreview, run.startedAt, 4);
    expect(before.items.find((item) => item.id === uploadingId)?.routePreview).toEqual([]);

    await getDb().update(activities).set({ routePreview: null }).where(eq(activities.id, run.id));
    const legacy = await client.activities.history.query({ limit: 50 });
    expectPreviewOfTrack(legacy.items.find((item) => item.id === run.id)?.routePreview, run.startedAt, 4);
  });

  it("lets an accepted friend see history and detail with the route ends trimmed, but not the raw GPX", async () => {
    const friend = await signUpTestUser("friend");
    await getDb()
      .insert(friendships)
      .values({ requesterId: owner.id, addresseeId: friend.id, status: "accepted", acceptedAt: new Date() });
    const client = trpcClientFor(friend);
    const page = await client.activities.history.query({ ownerId: owner.id, limit: 50 });
    expect(page.items).toHaveLength(RUNS + 1);
    const run = created[2]!;
    // The card's thumbnail is cut like the run page's route: nothing of a 120 m track.
    expect(page.items.find((item) => item.id === run.id)?.routePreview).toEqual([]);
    const detail = await client.activities.detail.query({ id: run.id });
    expect(detail).toMatchObject({ isOwner: false, routeTrimmed: true, canExportGpx: false });
    // The whole test track (about 120 m) lies within 200 m of its ends: nothing of it is shown.
    expect(detail.record?.route.flat()).toEqual([]);
    await expectTrpcError(client.activities.exportGpx.query({ id: run.id }), "FORBIDDEN");

    await getDb().update(user).set({ hideRouteEnds: false }).where(eq(user.id, owner.id));
    const untrimmed = await client.activities.detail.query({ id: run.id });
    expectRouteEndsAtTrack(untrimmed.record!.route, run.startedAt, 2);
    const wholePage = await client.activities.history.query({ ownerId: owner.id, limit: 50 });
    expectPreviewOfTrack(wholePage.items.find((item) => item.id === run.id)?.routePreview, run.startedAt, 2);
    expect(parseGpxPoints((await client.activities.exportGpx.query({ id: run.id })).xml)).toHaveLength(10);
  });
});
