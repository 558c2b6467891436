import { beforeEach, describe, expect, it } from "vitest";
import type { TrackPoint } from "@/domain/geo/track-point";
import { flushOutbox, type OutboxSend } from "./flush";
import { MAX_POINTS_PER_UPLOAD, type OutboxItem } from "./items";
import { listOutbox, listRejected } from "./read";
import { createOutboxSender, type AppendPoints } from "./sender";
import { activityUuid, enqueuePoints, enqueueStart, fixes, httpError, networkError, useFreshDatabase } from "./testing/fake-db";

beforeEach(useFreshDatabase);

const A = activityUuid(1);

/** The server's side of appendPoints: stores what it is given, refuses a batch holding a point it is told to. */
function fakeServer(refuse: (call: number, points: TrackPoint[]) => unknown = () => null) {
  const calls: number[] = [];
  const stored: string[] = [];
  const append: AppendPoints = async ({ points }) => {
    calls.push(points.length);
    const error = refuse(calls.length, points);
    if (error) throw error;
    stored.push(...points.map((point) => point.id));
    return { stored: points.map((point) => point.id) };
  };
  const runEvents = async ({ events }: { events: { id: string }[] }) => ({ acknowledged: events.map((e) => e.id) });
  const send = createOutboxSender({ runEvents, points: append }, { pageHidden: () => false });
  return { send, calls, stored };
}

const describeItem = (item: OutboxItem) =>
  item.kind === "points" ? `points:${item.activityId.slice(-1)}:${item.points.length}` : `events:${item.activityId.slice(-1)}`;

describe("merged point uploads", () => {
  it("sends 240 small items of one run in ⌈total / 500⌉ calls and deletes them all", async () => {
    for (let i = 0; i < 240; i += 1) await enqueuePoints(1, fixes(15, i * 15));
    const { send, calls, stored } = fakeServer();

    expect(await flushOutbox(send)).toEqual({ sent: 240, rejected: 0, failure: null });
    expect(calls).toHaveLength(Math.ceil((240 * 15) / MAX_POINTS_PER_UPLOAD));
    expect(calls).toHaveLength(8);
    expect(Math.max(...calls)).toBeLessThanOrEqual(MAX_POINTS_PER_UPLOAD);
    expect(stored).toEqual(fixes(240 * 15).map((point) => point.id)); // every fix once, in order
    expect(await listOutbox()).toEqual([]);
  });

  it("keeps the order of two runs' items and a run-events item between them", async () => {
    await enqueuePoints(1, fixes(10, 0));
    await enqueuePoints(1, fixes(10, 10));
    await enqueuePoints(2, fixes(10, 100));
    await enqueuePoints(1, fixes(10, 20));
    await enqueueStart(1); // stands for the run's finish, recorded after the points packed before it
    await enqueuePoints(1, fixes(10, 30));
    await enqueuePoints(1, fixes(10, 40));
    await enqueueStart(2);
    await enqueuePoints(2, fixes(10, 110));
    const sent: string[] = [];
    const send: OutboxSend = async (item) => {
      sent.push(describeItem(item));
    };

    expect(await flushOutbox(send)).toEqual({ sent: 9, rejected: 0, failure: null });
    expect(sent).toEqual(["points:1:20", "points:2:10", "points:1:10", "events:1", "points:1:20", "events:2", "points:2:10"]);
  });

  it("stops a merge at the item that would take it past 500 points", async () => {
    await enqueuePoints(1, fixes(300, 0));
    await enqueuePoints(1, fixes(150, 300));
    await enqueuePoints(1, fixes(100, 450));
    await enqueuePoints(1, fixes(50, 550));
    const { send, calls } = fakeServer();
    await flushOutbox(send);
    expect(calls).toEqual([450, 150]);
  });

  it("sends a refused merged upload again item by item, so only the bad item is set aside", async () => {
    await enqueuePoints(1, fixes(10, 0));
    const bad = await enqueuePoints(1, [...fixes(9, 10), { ...fixes(1, 19)[0]!, ts: 0 }]);
    await enqueuePoints(1, fixes(10, 20));
    const { send, calls, stored } = fakeServer((_, points) =>
      points.some((point) => point.ts === 0) ? httpError(400, "points.9.ts: a time after 2000-01-01") : null,
    );

    expect(await flushOutbox(send, { now: () => 42 })).toEqual({ sent: 2, rejected: 1, failure: null });
    expect(calls).toEqual([30, 10, 10, 10]);
    expect(stored).toEqual([...fixes(10, 0), ...fixes(10, 20)].map((point) => point.id));
    expect(await listOutbox()).toEqual([]);
    const rejected = await listRejected();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      error: "points.9.ts: a time after 2000-01-01",
      httpStatus: 400,
      rejectedAt: 42,
      item: { ...bad, attempts: 1 },
    });
  });

  it("deletes nothing after a retryable failure of a merged upload and counts it on every item", async () => {
    await enqueuePoints(1, fixes(10, 0));
    await enqueuePoints(1, fixes(10, 10));
    await enqueuePoints(1, fixes(10, 20));
    const before = await listOutbox();
    const limited = fakeServer((call) => (call === 1 ? httpError(429, "Too many uploads", { "Retry-After": "30" }) : null));

    const result = await flushOutbox(limited.send);
    expect(result).toMatchObject({ sent: 0, rejected: 0, failure: { retryable: true, httpStatus: 429, retryAfterMs: 30_000 } });
    expect(limited.calls).toEqual([30]); // not retried item by item: that would only spend more of the budget
    expect(await listOutbox()).toEqual(before.map((item) => ({ ...item, attempts: 1 })));
    expect(await listRejected()).toEqual([]);

    const offline = fakeServer(() => networkError());
    expect((await flushOutbox(offline.send)).failure).toMatchObject({ retryable: true });
    expect((await listOutbox()).map((item) => item.attempts)).toEqual([2, 2, 2]);

    expect(await flushOutbox(limited.send)).toEqual({ sent: 3, rejected: 0, failure: null });
    expect(limited.calls).toEqual([30, 30]);
    expect(await listOutbox()).toEqual([]);
  });

  it("gives the merge to the sender as one points item of the first item's run", async () => {
    await enqueuePoints(1, fixes(2, 0));
    await enqueuePoints(1, fixes(3, 2));
    const given: OutboxItem[] = [];
    await flushOutbox(async (item) => {
      given.push(item);
    });
    expect(given).toEqual([{ kind: "points", activityId: A, points: fixes(5), createdAt: expect.any(Number), attempts: 0 }]);
  });
});
