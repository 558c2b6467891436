import { describe, expect, it, vi } from "vitest";
import type { OutboxStatus, OutboxStatusListener } from "@/app/_lib/outbox/status";
import { runFlusherOnDemand } from "./flusher-on-demand";

const status = (runs: number): OutboxStatus => ({ events: runs, points: 0, runs, rejected: 0, lastError: null, flushing: false });

function setup(start: () => Promise<() => void>) {
  let listener: OutboxStatusListener = () => {};
  const unsubscribe = vi.fn();
  const clearUploaded = vi.fn();
  const stopAll = runFlusherOnDemand({
    subscribe: (next) => {
      listener = next;
      return unsubscribe;
    },
    start,
    clearUploaded,
  });
  return { emit: (runs: number) => listener(status(runs)), stopAll, unsubscribe, clearUploaded };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("runFlusherOnDemand", () => {
  it("does not load the flusher while nothing waits, and clears uploaded runs when the outbox is empty", async () => {
    const start = vi.fn(async () => () => {});
    const { emit, clearUploaded } = setup(start);
    emit(0);
    emit(0);
    await settle();
    expect(start).not.toHaveBeenCalled();
    expect(clearUploaded).toHaveBeenCalledTimes(1);
  });

  it("starts the flusher once when something waits, and keeps it through later changes", async () => {
    const stopFlusher = vi.fn();
    const start = vi.fn(async () => stopFlusher);
    const { emit, clearUploaded, stopAll, unsubscribe } = setup(start);
    emit(1);
    emit(2);
    await settle();
    emit(0); // emptied: uploaded runs are cleared, the flusher keeps going
    emit(1);
    await settle();
    expect(start).toHaveBeenCalledTimes(1);
    expect(clearUploaded).toHaveBeenCalledTimes(1);
    expect(stopFlusher).not.toHaveBeenCalled();
    stopAll();
    expect(unsubscribe).toHaveBeenCalled();
    expect(stopFlusher).toHaveBeenCalledTimes(1);
  });

  it("stops a flusher that finished loading after the page stopped it", async () => {
    let resolve: (stop: () => void) => void = () => {};
    const { emit, stopAll } = setup(() => new Promise((r) => (resolve = r)));
    emit(1);
    stopAll();
    const stopFlusher = vi.fn();
    resolve(stopFlusher);
    await settle();
    expect(stopFlusher).toHaveBeenCalledTimes(1);
  });

  it("tries again on the next change when the flusher's code could not load", async () => {
    const stopFlusher = vi.fn();
    const start = vi.fn().mockRejectedValueOnce(new Error("offline")).mockResolvedValueOnce(stopFlusher);
    const { emit, stopAll } = setup(start);
    emit(1);
    await settle();
    emit(1);
    await settle();
    expect(start).toHaveBeenCalledTimes(2);
    stopAll();
    expect(stopFlusher).toHaveBeenCalledTimes(1);
  });
});
