import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRecordScheduler } from "./record-scheduler";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("record scheduler", () => {
  it("makes one computation of a burst of requests for one run", async () => {
    const run = vi.fn(async () => undefined);
    const scheduler = createRecordScheduler({ run, debounceMs: 1_000 });
    for (let i = 0; i < 18; i++) {
      scheduler.request("run-1");
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("does not let a steady stream of requests postpone the job past maxWait", async () => {
    const run = vi.fn(async () => undefined);
    const scheduler = createRecordScheduler({ run, debounceMs: 1_000, maxWaitMs: 3_000 });
    for (let i = 0; i < 40; i++) {
      scheduler.request("run-1");
      await vi.advanceTimersByTimeAsync(500);
      if (i === 6) expect(run).toHaveBeenCalledTimes(1); // 3.5 s in: the first wait has run out
    }
    await scheduler.stop();
  });

  it("runs once more when asked while running, never twice at once", async () => {
    const gate = deferred();
    let concurrent = 0;
    let most = 0;
    const run = vi.fn(async () => {
      most = Math.max(most, ++concurrent);
      await gate.promise;
      concurrent--;
    });
    const scheduler = createRecordScheduler({ run, debounceMs: 10 });
    scheduler.request("run-1");
    await vi.advanceTimersByTimeAsync(20);
    expect(run).toHaveBeenCalledTimes(1);
    scheduler.request("run-1");
    scheduler.request("run-1");
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(1);
    gate.resolve();
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
  });

  it("retries a failed job later", async () => {
    const run = vi.fn().mockRejectedValueOnce(new Error("no hosts")).mockResolvedValue(undefined);
    const onError = vi.fn();
    const scheduler = createRecordScheduler({ run, debounceMs: 10, retryMs: 1_000, onError });
    scheduler.request("run-1");
    await vi.advanceTimersByTimeAsync(50);
    expect(onError).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(1_100);
    expect(run).toHaveBeenCalledTimes(2);
    expect(scheduler.size()).toBe(0);
  });

  it("keeps to its concurrency across runs", async () => {
    const gates = [deferred(), deferred(), deferred()];
    let concurrent = 0;
    let most = 0;
    const run = vi.fn(async (id: string) => {
      most = Math.max(most, ++concurrent);
      await gates[Number(id)]!.promise;
      concurrent--;
    });
    const scheduler = createRecordScheduler({ run, debounceMs: 10, concurrency: 2 });
    ["0", "1", "2"].forEach((id) => scheduler.request(id));
    await vi.advanceTimersByTimeAsync(50);
    expect(run).toHaveBeenCalledTimes(2);
    gates.forEach((gate) => gate.resolve());
    await vi.advanceTimersByTimeAsync(50);
    expect(run).toHaveBeenCalledTimes(3);
    expect(most).toBe(2);
  });
});
