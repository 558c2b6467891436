import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushOutbox, type OutboxSend } from "./flush";
import type { OutboxItem } from "./items";
import { listOutbox, listRejected } from "./read";
import { getOutboxStatus, notifyOutboxEnqueued, subscribeOutbox, type OutboxStatus } from "./status";
import { activityUuid, enqueueStart, httpError, networkError, useFreshDatabase } from "./testing/fake-db";

beforeEach(useFreshDatabase);
afterEach(() => {
  vi.useRealTimers();
});

/** A send that records what it was given and fails as told for the nth call (1-based). */
function scriptedSend(failures: Record<number, unknown> = {}) {
  const sent: string[] = [];
  let calls = 0;
  const send: OutboxSend = async (item) => {
    calls += 1;
    sent.push(item.activityId);
    if (calls in failures) throw failures[calls];
  };
  return { send, sent };
}

const activities = (items: OutboxItem[]) => items.map((item) => item.activityId);

describe("flushOutbox", () => {
  it("sends in order, stops at a retryable failure and resumes in order", async () => {
    await enqueueStart(1);
    await enqueueStart(2);
    await enqueueStart(3);
    const { send, sent } = scriptedSend({ 2: networkError() });

    const first = await flushOutbox(send);
    expect(first).toMatchObject({ sent: 1, rejected: 0, failure: { retryable: true, message: "Failed to fetch" } });
    const left = await listOutbox();
    expect(activities(left)).toEqual([activityUuid(2), activityUuid(3)]);
    expect(left.map((item) => item.attempts)).toEqual([1, 0]);

    const second = await flushOutbox(send);
    expect(second).toEqual({ sent: 2, rejected: 0, failure: null });
    expect(sent).toEqual([1, 2, 2, 3].map(activityUuid));
    expect(await listOutbox()).toEqual([]);
  });

  it("moves a refused item to rejected with its reason and goes on", async () => {
    await enqueueStart(1);
    await enqueueStart(2);
    await enqueueStart(3);
    const { send, sent } = scriptedSend({ 2: httpError(400, "events.0.at: Invalid input") });

    expect(await flushOutbox(send, { now: () => 42 })).toEqual({ sent: 2, rejected: 1, failure: null });
    expect(sent).toEqual([1, 2, 3].map(activityUuid));
    expect(await listOutbox()).toEqual([]);
    const [rejected, ...more] = await listRejected();
    expect(more).toEqual([]);
    expect(rejected).toMatchObject({
      error: "events.0.at: Invalid input",
      httpStatus: 400,
      rejectedAt: 42,
      item: { kind: "run-events", activityId: activityUuid(2), attempts: 1 },
    });
    expect(rejected?.item.kind === "run-events" && rejected.item.events[0]?.type).toBe("start");
  });

  it("keeps an item while its upload is in flight and after an upload that died", async () => {
    await enqueueStart(1);
    let finish: () => void = () => {};
    let started: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const flushing = flushOutbox(() => {
      started();
      return new Promise<void>((resolve) => (finish = resolve));
    });
    await inFlight;
    expect(activities(await listOutbox())).toEqual([activityUuid(1)]);
    finish();
    expect(await flushing).toMatchObject({ sent: 1 });
    expect(await listOutbox()).toEqual([]);

    // The tab went away mid-upload: whatever the send threw, the item is still there to send again.
    await enqueueStart(2);
    const crashed = await flushOutbox(async () => {
      throw new Error("The page was closed");
    });
    expect(crashed.failure).toMatchObject({ retryable: true });
    expect(await listOutbox()).toMatchObject([{ activityId: activityUuid(2), attempts: 1 }]);
  });

  it("joins the round already running in this tab instead of sending twice", async () => {
    await enqueueStart(1);
    const { send, sent } = scriptedSend();
    const [a, b] = await Promise.all([flushOutbox(send), flushOutbox(send)]);
    expect(a).toBe(b);
    expect(sent).toEqual([activityUuid(1)]);
  });

  it("counts an upload that hangs past the timeout as retryable, and aborts it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    await enqueueStart(1);
    let signal: AbortSignal | null = null;
    let started: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const flushing = flushOutbox((_item, s) => {
      signal = s;
      started();
      return new Promise<void>(() => {});
    }, { sendTimeoutMs: 10_000 });
    await inFlight;
    vi.advanceTimersByTime(10_000);
    expect((await flushing).failure).toMatchObject({ retryable: true, message: "The upload did not finish within 10 s" });
    expect(signal!.aborted).toBe(true);
    expect(await listOutbox()).toHaveLength(1);
  });
});

describe("outbox status", () => {
  it("counts pending and rejected items and reports the last error", async () => {
    const seen: OutboxStatus[] = [];
    const unsubscribe = subscribeOutbox((status) => seen.push(status));
    await enqueueStart(1);
    await enqueueStart(2);
    await enqueueStart(3);
    await notifyOutboxEnqueued();
    // lastError is whatever the previous test's rounds left: only a round changes it.
    expect(getOutboxStatus()).toMatchObject({ events: 3, rejected: 0, flushing: false });

    await flushOutbox(scriptedSend({ 1: httpError(404, "Activity not found"), 3: networkError() }).send);
    expect(getOutboxStatus()).toEqual({ events: 1, points: 0, runs: 1, rejected: 1, lastError: "Failed to fetch", flushing: false });
    expect(seen.some((status) => status.flushing)).toBe(true);

    await flushOutbox(scriptedSend().send);
    expect(getOutboxStatus()).toEqual({ events: 0, points: 0, runs: 0, rejected: 1, lastError: null, flushing: false });
    unsubscribe();
  });
});
