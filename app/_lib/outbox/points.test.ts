import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TrackPoint } from "@/domain/geo/track-point";
import { classifyError } from "./classify-error";
import { getDb, UNPACKED_POINTS_STORE } from "../device-db";
import { flushOutbox, type OutboxSend } from "./flush";
import { MAX_POINTS_PER_UPLOAD, POINTS_PER_ITEM, type OutboxItem } from "./items";
import { packPointBatch, packPoints, storePoint } from "./points";
import { listOutbox, listRejected } from "./read";
import { createOutboxSender, type AppendPoints } from "./sender";
import { getOutboxStatus, subscribeOutbox } from "./status";
import { activityUuid, enqueueStart, fixes, httpError, networkError, T0, useFreshDatabase } from "./testing/fake-db";

beforeEach(useFreshDatabase);

const A = activityUuid(1);

const fix = (n: number): TrackPoint => fixes(1, n)[0]!;

async function storeFixes(activityId: string, count: number, from = 0): Promise<TrackPoint[]> {
  const points = fixes(count, from);
  for (const point of points) await storePoint(activityId, point);
  return points;
}

const pendingCount = async () => (await getDb()).count(UNPACKED_POINTS_STORE);
const describeItems = (items: OutboxItem[]) =>
  items.map((item) => (item.kind === "points" ? `points:${item.points.length}` : `events:${item.events[0]?.type}`));

describe("GPS points in the outbox", () => {
  it("stores a fix at once, before any packing or upload", async () => {
    const [point] = await storeFixes(A, 1);
    expect(await (await getDb()).get(UNPACKED_POINTS_STORE, point!.id)).toEqual({ ...point, activityId: A });
    expect(await listOutbox()).toEqual([]);
    subscribeOutbox(() => {});
    await vi.waitFor(() => expect(getOutboxStatus()).toMatchObject({ events: 0, points: 1 }));
  });

  it("packs at most 200 points a step, oldest first, into the outbox, leaving them off the pending store", async () => {
    const points = await storeFixes(A, POINTS_PER_ITEM + 30);
    await storeFixes(activityUuid(2), 3, 1000);

    expect(await packPointBatch(A, T0)).toBe(POINTS_PER_ITEM);
    const [item, ...more] = await listOutbox();
    expect(more).toEqual([]);
    expect(item).toMatchObject({ kind: "points", activityId: A, attempts: 0, createdAt: T0 });
    expect(item?.kind === "points" && item.points).toEqual(points.slice(0, POINTS_PER_ITEM));
    expect(await pendingCount()).toBe(30 + 3);

    expect(await packPoints(undefined, T0)).toBe(33);
    // The 30 top up the run's item; the other run's 3 start their own.
    expect(describeItems(await listOutbox())).toEqual(["points:230", "points:3"]);
    expect(await pendingCount()).toBe(0);
    // Every fix is in exactly one item.
    const ids = (await listOutbox()).flatMap((i) => (i.kind === "points" ? i.points.map((p) => p.id) : []));
    expect(new Set(ids).size).toBe(233);
  });

  it("tops up only the last item, only with its own run's fixes, and never past 500", async () => {
    await storeFixes(A, 5);
    await packPoints(A, T0);
    await storeFixes(A, 3, 10);
    await packPoints(A, T0 + 15_000);
    const [first] = await listOutbox();
    expect(first).toMatchObject({ kind: "points", createdAt: T0, attempts: 0 });
    expect(first?.kind === "points" && first.points).toEqual([...fixes(5), ...fixes(3, 10)]);

    await enqueueStart(1); // stands for a pause: fixes after it must go after it
    await storeFixes(A, 2, 20);
    await packPoints(A);
    await storeFixes(activityUuid(2), 4, 1000);
    await packPoints(activityUuid(2));
    await storeFixes(A, 1, 30);
    await packPoints(A);
    expect(describeItems(await listOutbox())).toEqual(["points:8", "events:start", "points:2", "points:4", "points:1"]);

    await storeFixes(A, 600, 40);
    await packPoints(A);
    expect(describeItems(await listOutbox()).slice(4)).toEqual([`points:${MAX_POINTS_PER_UPLOAD}`, "points:101"]);
  });

  it("keeps fixes topped up onto an item while it is being uploaded, and sends them next", async () => {
    await storeFixes(A, 5);
    let release: () => void = () => {};
    let started: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const sent: string[][] = [];
    const flushing = flushOutbox(async (item) => {
      if (item.kind === "points") sent.push(item.points.map((point) => point.id));
      if (sent.length > 1) return;
      started();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await inFlight;
    await storeFixes(A, 3, 10); // the run screen packs before a finish, in the middle of the round
    await packPoints(A);
    expect(describeItems(await listOutbox())).toEqual(["points:8"]);

    release();
    expect(await flushing).toMatchObject({ sent: 2, failure: null });
    expect(sent).toEqual([fixes(5).map((p) => p.id), fixes(3, 10).map((p) => p.id)]);
    expect(await listOutbox()).toEqual([]);
  });

  it("sets aside only what was sent when an item refused mid-upload was topped up meanwhile", async () => {
    await storeFixes(A, 4);
    let started: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    let release: () => void = () => {};
    let calls = 0;
    const flushing = flushOutbox(async () => {
      calls += 1;
      if (calls > 1) throw networkError();
      started();
      await new Promise<void>((resolve) => (release = resolve));
      throw httpError(403, "Not your run");
    });
    await inFlight;
    await storeFixes(A, 2, 10);
    await packPoints(A);
    release();
    expect(await flushing).toMatchObject({ rejected: 1, failure: { retryable: true } });
    const [rejected] = await listRejected();
    expect(rejected?.item.kind === "points" && rejected.item.points).toEqual(fixes(4));
    const [kept, ...more] = await listOutbox();
    expect(more).toEqual([]);
    expect(kept?.kind === "points" && kept.points).toEqual(fixes(2, 10));
  });

  it("keeps the FIFO: the start goes before the points, a finish after the points packed before it", async () => {
    await enqueueStart(1);
    await storeFixes(A, 5);
    await packPoints(A);
    await enqueueStart(3); // stands for a later event (the finish) recorded after the pack
    await storeFixes(A, 2, 100);
    const sent: string[] = [];
    await flushOutbox(async (item) => {
      sent.push(describeItems([item])[0]!);
    });
    expect(sent).toEqual(["events:start", "points:5", "events:start", "points:2"]);
    expect(await listOutbox()).toEqual([]);
    expect(await pendingCount()).toBe(0);
  });

  it("removes a batch only when the server stored every point; a partial answer is set aside, not lost", async () => {
    await storeFixes(A, 4);
    const partial: AppendPoints = async ({ points }) => ({ stored: points.slice(1).map((p) => p.id) });
    const send = createOutboxSender({ runEvents: async () => ({ acknowledged: [] }), points: partial });
    const result = await flushOutbox(send);
    expect(result).toMatchObject({ sent: 0, rejected: 1 });
    expect(await listOutbox()).toEqual([]);

    await storeFixes(A, 3, 10);
    const calls: unknown[] = [];
    const full: AppendPoints = async (input, signal) => {
      calls.push([input.activityId, input.points.length, signal instanceof AbortSignal]);
      return { stored: input.points.map((p) => p.id) };
    };
    expect(await flushOutbox(createOutboxSender({ runEvents: async () => ({ acknowledged: [] }), points: full }))).toEqual({
      sent: 1,
      rejected: 0,
      failure: null,
    });
    expect(calls).toEqual([[A, 3, true]]);
  });

  it("says a partial acknowledgement in words", async () => {
    const send = createOutboxSender({ runEvents: async () => ({ acknowledged: [] }), points: async () => ({ stored: [] }) });
    const error = await send({ kind: "points", activityId: A, points: [fix(1)], createdAt: T0, attempts: 0 }, new AbortController().signal).catch(
      (e: unknown) => e,
    );
    expect(classifyError(error)).toEqual({ retryable: false, message: "The server stored 0 of 1 points" });
  });

  it("keeps the batch after a retryable failure and sends it again", async () => {
    await storeFixes(A, 3);
    const failing: OutboxSend = async () => {
      throw networkError();
    };
    expect(await flushOutbox(failing)).toMatchObject({ sent: 0, failure: { retryable: true } });
    const [kept] = await listOutbox();
    expect(kept).toMatchObject({ kind: "points", attempts: 1 });
    expect(kept?.kind === "points" && kept.points.length).toBe(3);
    expect(await flushOutbox(async () => {})).toMatchObject({ sent: 1, failure: null });
    expect(await listOutbox()).toEqual([]);
  });

  it("still has the stored fixes after a reload (fresh modules, same database)", async () => {
    const points = await storeFixes(A, 3);
    vi.resetModules();
    const reloaded = await import("./index");
    await (await import("../device-db")).closeDb();
    const sent: TrackPoint[] = [];
    await reloaded.flushOutbox(async (item) => {
      if (item.kind === "points") sent.push(...item.points);
    });
    expect(sent).toEqual(points);
    expect(await reloaded.listOutbox()).toEqual([]);
  });
});

describe("database upgrade", () => {
  it("brings a version 1 database forward, keeping what waited in it", async () => {
    const { openDB } = await import("idb");
    const v1 = await openDB("runcoach", 1, {
      upgrade(db) {
        db.createObjectStore("outbox", { keyPath: "id", autoIncrement: true }).createIndex("byActivity", "activityId");
        db.createObjectStore("rejected", { keyPath: "id", autoIncrement: true }).createIndex("byActivity", "item.activityId");
        db.createObjectStore("runs", { keyPath: "activityId" });
      },
    });
    await v1.add("outbox", { kind: "run-events", activityId: A, events: [], createdAt: T0, attempts: 0 });
    v1.close();

    await storeFixes(A, 1);
    expect(describeItems(await listOutbox())).toEqual(["events:undefined"]);
    expect(await pendingCount()).toBe(1);
  });
});
