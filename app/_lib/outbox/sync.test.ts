import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OutboxSend } from "./flush";
import { listOutbox } from "./read";
import { notifyOutboxEnqueued } from "./status";
import { DEFAULT_SYNC_INTERVAL_MS, OUTBOX_LOCK_NAME, startOutboxSync, type SetTimer } from "./sync";
import { enqueueStart, httpError, networkError, useFreshDatabase } from "./testing/fake-db";

interface ManualTimer {
  delayMs: number;
  fire: () => void;
  cancelled: boolean;
}

/** Timers the test fires by hand, so each backoff delay can be read exactly. */
function manualTimers() {
  const all: ManualTimer[] = [];
  const setTimer: SetTimer = (fire, delayMs) => {
    const timer = { delayMs, fire, cancelled: false };
    all.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  const active = () => all.filter((timer) => !timer.cancelled);
  /** Waits for the next round to have scheduled its timer (the nth in all), and returns it. */
  const nth = async (n: number) => {
    await vi.waitFor(() => expect(all.length).toBeGreaterThanOrEqual(n));
    return all[n - 1]!;
  };
  return { setTimer, all, active, nth };
}

/** Fails the calls listed (1-based) with the given errors; succeeds otherwise. */
function scriptedSend(failures: Record<number, unknown> = {}) {
  const state = { calls: 0 };
  const send: OutboxSend = async () => {
    state.calls += 1;
    if (state.calls in failures) throw failures[state.calls];
  };
  return { send, state };
}

/** Web Locks as one browser would grant them; `held` stands for locks other tabs hold. */
class FakeLocks {
  readonly held = new Set<string>();
  async request<T>(name: string, options: LockOptions, callback: (lock: Lock | null) => T): Promise<Awaited<T>> {
    if (this.held.has(name)) {
      if (options.ifAvailable) return await callback(null);
      throw new Error("FakeLocks only implements ifAvailable");
    }
    this.held.add(name);
    try {
      return await callback({ name, mode: "exclusive" } as Lock);
    } finally {
      this.held.delete(name);
    }
  }
}

let locks: FakeLocks;
let stop: () => void = () => {};

beforeEach(async () => {
  await useFreshDatabase();
  locks = new FakeLocks();
  vi.stubGlobal("navigator", { locks });
  vi.stubGlobal("window", new EventTarget());
  vi.stubGlobal("document", Object.assign(new EventTarget(), { visibilityState: "visible" }));
});

afterEach(() => {
  stop();
  vi.unstubAllGlobals();
});

describe("startOutboxSync", () => {
  it("backs off 2 s, 4 s, 8 s (full jitter) after failures and resets after a clean round", async () => {
    await enqueueStart(1);
    const timers = manualTimers();
    const { send, state } = scriptedSend({ 1: networkError(), 2: networkError(), 3: networkError(), 5: networkError() });
    stop = startOutboxSync(send, { random: () => 0.5, setTimer: timers.setTimer });

    expect((await timers.nth(1)).delayMs).toBe(1_000);
    timers.all[0]!.fire();
    expect((await timers.nth(2)).delayMs).toBe(2_000);
    timers.all[1]!.fire();
    expect((await timers.nth(3)).delayMs).toBe(4_000);
    timers.all[2]!.fire();
    expect((await timers.nth(4)).delayMs).toBe(DEFAULT_SYNC_INTERVAL_MS);
    expect(state.calls).toBe(4);
    expect(await listOutbox()).toEqual([]);

    // Healthy again: a new item is sent at once, and its failure starts the backoff from the bottom.
    await enqueueStart(2);
    await notifyOutboxEnqueued();
    expect((await timers.nth(5)).delayMs).toBe(1_000);
    expect(state.calls).toBe(5);
    expect(timers.active()).toHaveLength(1);
  });

  it("waits at least the server's Retry-After, even when the network comes back", async () => {
    await enqueueStart(1);
    const timers = manualTimers();
    const { send, state } = scriptedSend({ 1: httpError(429, "Too many requests", { "Retry-After": "60" }) });
    stop = startOutboxSync(send, { random: () => 0, setTimer: timers.setTimer });

    expect((await timers.nth(1)).delayMs).toBe(60_000);
    window.dispatchEvent(new Event("online"));
    const deferred = await timers.nth(2);
    expect(deferred.delayMs).toBeGreaterThan(59_000);
    expect(deferred.delayMs).toBeLessThanOrEqual(60_000);
    expect(state.calls).toBe(1);
  });

  it("tries again at once when the network returns or the tab becomes visible", async () => {
    await enqueueStart(1);
    const timers = manualTimers();
    const { send, state } = scriptedSend({ 1: networkError(), 2: networkError() });
    stop = startOutboxSync(send, { random: () => 0.5, setTimer: timers.setTimer });
    await timers.nth(1);

    window.dispatchEvent(new Event("online"));
    expect((await timers.nth(2)).delayMs).toBe(2_000);
    expect(state.calls).toBe(2);

    document.dispatchEvent(new Event("visibilitychange"));
    expect((await timers.nth(3)).delayMs).toBe(DEFAULT_SYNC_INTERVAL_MS);
    expect(state.calls).toBe(3);
    expect(await listOutbox()).toEqual([]);
  });

  it("makes one last attempt at once when the page is hidden or closed, backoff or not", async () => {
    await enqueueStart(1);
    await enqueueStart(2);
    const timers = manualTimers();
    const { send, state } = scriptedSend({ 1: networkError(), 2: networkError() });
    stop = startOutboxSync(send, { random: () => 0.5, setTimer: timers.setTimer });
    expect((await timers.nth(1)).delayMs).toBe(1_000); // backing off
    Object.assign(document, { visibilityState: "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
    expect((await timers.nth(2)).delayMs).toBe(2_000);
    expect(state.calls).toBe(2);

    window.dispatchEvent(new Event("pagehide"));
    await timers.nth(3);
    expect(state.calls).toBe(4);
    expect(await listOutbox()).toEqual([]);
  });

  it("does not hammer a dead network with every new item while backing off", async () => {
    await enqueueStart(1);
    const timers = manualTimers();
    const { send, state } = scriptedSend({ 1: networkError() });
    stop = startOutboxSync(send, { random: () => 0.5, setTimer: timers.setTimer });
    await timers.nth(1);
    await enqueueStart(2);
    await notifyOutboxEnqueued();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.calls).toBe(1);
    expect(timers.all).toHaveLength(1);
  });

  it("leaves the upload to the tab holding the lock", async () => {
    await enqueueStart(1);
    locks.held.add(OUTBOX_LOCK_NAME);
    const timers = manualTimers();
    const { send, state } = scriptedSend();
    stop = startOutboxSync(send, { setTimer: timers.setTimer });

    expect((await timers.nth(1)).delayMs).toBe(DEFAULT_SYNC_INTERVAL_MS);
    expect(state.calls).toBe(0);

    locks.held.delete(OUTBOX_LOCK_NAME); // the other tab was closed
    timers.all[0]!.fire();
    await timers.nth(2);
    expect(state.calls).toBe(1);
    expect(await listOutbox()).toEqual([]);
  });

  it("uploads in this tab alone when the browser has no Web Locks", async () => {
    vi.stubGlobal("navigator", {});
    await enqueueStart(1);
    const timers = manualTimers();
    const { send, state } = scriptedSend();
    stop = startOutboxSync(send, { setTimer: timers.setTimer });
    await timers.nth(1);
    expect(state.calls).toBe(1);
  });

  it("stops listening and cancels its timer when stopped", async () => {
    const timers = manualTimers();
    const { send, state } = scriptedSend();
    stop = startOutboxSync(send, { setTimer: timers.setTimer });
    await timers.nth(1);
    stop();
    expect(timers.active()).toEqual([]);
    await enqueueStart(1);
    await notifyOutboxEnqueued();
    window.dispatchEvent(new Event("online"));
    document.dispatchEvent(new Event("visibilitychange"));
    window.dispatchEvent(new Event("pagehide"));
    timers.all[0]!.fire();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.calls).toBe(0);
    expect(await listOutbox()).toHaveLength(1);
  });

  it("hands waiting uploads to Background Sync after a failed round and when hidden with items left", async () => {
    await enqueueStart(1);
    const timers = manualTimers();
    const onLeftWaiting = vi.fn();
    const { send } = scriptedSend({ 1: networkError() });
    stop = startOutboxSync(send, { random: () => 0.5, setTimer: timers.setTimer, onLeftWaiting });
    await timers.nth(1);
    expect(onLeftWaiting).toHaveBeenCalledTimes(1);

    // The page is hidden (about to be closed) with the item still waiting: the worker is asked again.
    await notifyOutboxEnqueued();
    Object.assign(document, { visibilityState: "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
    await vi.waitFor(() => expect(onLeftWaiting).toHaveBeenCalledTimes(2));
    await vi.waitFor(async () => expect(await listOutbox()).toEqual([]));

    // Nothing waiting: hiding the page asks for nothing.
    await timers.nth(2);
    document.dispatchEvent(new Event("visibilitychange"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onLeftWaiting).toHaveBeenCalledTimes(2);
  });
});
