import { describe, expect, it, vi } from "vitest";
import type { LocationMessage } from "../kafka/location-messages";
import { createCommitWatermark } from "./commit-watermark";
import { createFoldChains } from "./fold-chains";

const batch = (activityId: string): LocationMessage => ({ kind: "points", activityId, userId: "u", points: [], receivedAt: 0 });

/** A fold that each test finishes by hand, per run, in the order it likes. */
function handFold() {
  const waiting = new Map<string, { resolve: () => void; reject: (error: Error) => void }[]>();
  const started: string[] = [];
  const fold = (message: LocationMessage) =>
    new Promise<void>((resolve, reject) => {
      started.push(message.activityId);
      waiting.set(message.activityId, [...(waiting.get(message.activityId) ?? []), { resolve, reject }]);
    });
  const next = (id: string) => waiting.get(id)!.shift()!;
  return { fold, started, finish: (id: string) => next(id).resolve(), fail: (id: string) => next(id).reject(new Error("redis down")) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const flow = { pause: () => undefined, resume: () => undefined };

describe("createFoldChains with the commit watermark", () => {
  it("folds a run's batches in order, runs side by side, and commits only the folded prefix", async () => {
    const hand = handFold();
    const chains = createFoldChains({ fold: hand.fold, log: { warn: vi.fn() }, maxInFlight: 10 });
    const watermark = createCommitWatermark<number>();
    // Partition 0 holds run a's batches at offsets 0 and 2, run b's at 1.
    for (const [offset, run] of [[0, "a"], [1, "b"], [2, "a"]] as const) {
      watermark.received(0, BigInt(offset), offset);
      chains.add(batch(run), () => watermark.folded(0, BigInt(offset)), flow);
    }
    await tick();
    expect(hand.started).toEqual(["a", "b"]); // a's second batch waits for its first
    hand.finish("b");
    await tick();
    expect(watermark.toCommit()).toEqual([]); // offset 0 is still being folded
    hand.finish("a");
    await tick();
    expect(watermark.toCommit().map((c) => c.offset)).toEqual([1n]);
    hand.finish("a");
    await chains.settled();
    expect(watermark.toCommit().map((c) => c.offset)).toEqual([2n]);
  });

  it("counts a batch whose fold threw as folded (logged), so the partition is not held behind it", async () => {
    const hand = handFold();
    const log = { warn: vi.fn() };
    const chains = createFoldChains({ fold: hand.fold, log, maxInFlight: 10 });
    const watermark = createCommitWatermark<number>();
    watermark.received(3, 7n, 7);
    chains.add(batch("a"), () => watermark.folded(3, 7n), flow);
    watermark.received(3, 8n, 8);
    chains.add(batch("a"), () => watermark.folded(3, 8n), flow);
    await tick();
    hand.fail("a");
    await tick();
    expect(log.warn).toHaveBeenCalledOnce();
    expect(watermark.toCommit().map((c) => c.offset)).toEqual([7n]);
    expect(hand.started).toEqual(["a", "a"]); // the run's next batch is folded all the same
    hand.finish("a");
    await chains.settled();
    expect(watermark.toCommit().map((c) => c.offset)).toEqual([8n]);
  });

  it("pauses the stream at the bound and resumes it once half of it is done", async () => {
    const hand = handFold();
    const pause = vi.fn();
    const resume = vi.fn();
    const chains = createFoldChains({ fold: hand.fold, log: { warn: vi.fn() }, maxInFlight: 4 });
    for (const run of ["a", "b", "c", "d"]) chains.add(batch(run), () => undefined, { pause, resume });
    expect(pause).toHaveBeenCalledOnce();
    await tick();
    hand.finish("a");
    hand.finish("b");
    await tick();
    expect(resume).not.toHaveBeenCalled(); // 2 in flight: not below half of 4
    hand.finish("c");
    await tick();
    expect(resume).toHaveBeenCalled();
  });
});
