import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TrackPoint } from "@/domain/geo/track-point";
import { cassandraSettingsFromEnv } from ".";
import { createCassandraClient, type CassandraClient } from "./client";
import { createLocationStore, type LocationStore } from "./location-store";

function makePoints(count: number, startTs = Date.UTC(2026, 10, 1, 7, 0, 0)): TrackPoint[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    ts: startTs + i * 3_000,
    lat: 37.5 + i * 0.0001,
    lng: 127.0 + i * 0.0001,
    altitude: 20 + i,
    accuracy: 5,
    speed: i % 2 === 0 ? 3.1 : null,
  }));
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe("location store on a real Cassandra node", () => {
  let client: CassandraClient;
  let store: LocationStore;

  beforeAll(async () => {
    client = createCassandraClient(cassandraSettingsFromEnv(), { withKeyspace: true });
    await client.connect();
    store = createLocationStore(client);
  });
  afterAll(() => client.shutdown());

  it("stores each point once when the same batch is written twice", async () => {
    const activityId = randomUUID();
    const points = makePoints(50);
    await store.append(activityId, points);
    await store.append(activityId, points);
    const stored = await store.read(activityId);
    expect(stored).toHaveLength(50);
    expect(new Set(stored.map((p) => p.id)).size).toBe(50);
  });

  it("reads a batch sent in shuffled order back in time order, with every field intact", async () => {
    const activityId = randomUUID();
    const points = makePoints(120);
    const mixed = shuffled(points);
    await store.append(activityId, mixed.slice(0, 60));
    await store.append(activityId, mixed.slice(60));
    const stored = await store.read(activityId);
    expect(stored).toEqual(points);
  });

  it("never shows one activity's points in another", async () => {
    const first = randomUUID();
    const second = randomUUID();
    const firstPoints = makePoints(10);
    const secondPoints = makePoints(7, Date.UTC(2026, 10, 1, 7, 0, 1));
    await Promise.all([store.append(first, firstPoints), store.append(second, secondPoints)]);
    const [readFirst, readSecond] = await Promise.all([store.read(first), store.read(second)]);
    expect(readFirst.map((p) => p.id)).toEqual(firstPoints.map((p) => p.id));
    expect(readSecond.map((p) => p.id)).toEqual(secondPoints.map((p) => p.id));
    expect(await store.read(randomUUID())).toEqual([]);
  });

  it("reads a run longer than one page (an hour at 1 Hz plus more) completely and in order", async () => {
    const activityId = randomUUID();
    const points = makePoints(6_000).map((p, i) => ({ ...p, ts: Date.UTC(2026, 10, 1, 6, 0, 0) + i * 1_000 }));
    for (let i = 0; i < points.length; i += 500) await store.append(activityId, points.slice(i, i + 500));
    const stored = await store.read(activityId);
    expect(stored).toHaveLength(6_000);
    expect(stored.every((p, i) => i === 0 || p.ts > stored[i - 1]!.ts)).toBe(true);
  });

  it("writes no tombstone for a point's missing altitude, accuracy or speed", async () => {
    const activityId = randomUUID();
    const points = makePoints(20).map((p) => ({ ...p, altitude: null, accuracy: null, speed: null }));
    await store.append(activityId, points);
    expect((await store.read(activityId)).map((p) => [p.altitude, p.accuracy, p.speed])).toEqual(points.map(() => [null, null, null]));
    // Cassandra's trace of a read says how many tombstone cells it stepped over.
    const traced = await client.execute("SELECT * FROM locations_by_activity WHERE activity_id = ?", [activityId], { prepare: true, traceQuery: true });
    const trace = await client.metadata.getTrace(traced.info.traceId);
    const counts = trace.events.map((event) => /Read (\d+) live rows and (\d+) tombstone cells/.exec(event.activity)).filter((m) => m !== null);
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.map((m) => [Number(m[1]), Number(m[2])])).toEqual(counts.map(() => [20, 0]));
  });
});
