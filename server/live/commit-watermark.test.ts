import { describe, expect, it } from "vitest";
import { createCommitWatermark } from "./commit-watermark";

const offsets = (commits: { partition: number; offset: bigint }[]) => commits.map(({ partition, offset }) => [partition, offset]);

describe("createCommitWatermark", () => {
  it("commits nothing before the first message is folded", () => {
    const w = createCommitWatermark<string>();
    expect(w.toCommit()).toEqual([]);
    w.received(0, 10n, "m10");
    w.received(0, 11n, "m11");
    expect(w.toCommit()).toEqual([]);
    expect(w.pending()).toBe(2);
  });

  it("commits only the folded prefix when folds finish out of order", () => {
    const w = createCommitWatermark<string>();
    for (const offset of [10n, 11n, 12n, 13n]) w.received(0, offset, `m${offset}`);
    w.folded(0, 12n);
    w.folded(0, 13n);
    expect(w.toCommit()).toEqual([]); // 10 and 11 are still being folded
    w.folded(0, 10n);
    expect(w.toCommit()).toEqual([{ partition: 0, offset: 10n, handle: "m10" }]);
    expect(w.toCommit()).toEqual([]); // handed out once
    w.folded(0, 11n);
    expect(w.toCommit()).toEqual([{ partition: 0, offset: 13n, handle: "m13" }]);
    expect(w.pending()).toBe(0);
  });

  it("keeps partitions apart", () => {
    const w = createCommitWatermark<string>();
    w.received(0, 5n, "p0-5");
    w.received(1, 5n, "p1-5");
    w.received(0, 6n, "p0-6");
    w.received(2, 1n, "p2-1");
    w.folded(1, 5n);
    w.folded(0, 6n);
    w.folded(2, 1n);
    expect(offsets(w.toCommit()).sort()).toEqual([
      [1, 5n],
      [2, 1n],
    ]);
    w.folded(0, 5n);
    expect(offsets(w.toCommit())).toEqual([[0, 6n]]);
  });

  it("steps over holes in the offsets (transaction markers, compaction)", () => {
    const w = createCommitWatermark<string>();
    w.received(0, 3n, "m3");
    w.received(0, 7n, "m7");
    w.folded(0, 7n);
    w.folded(0, 3n);
    expect(offsets(w.toCommit())).toEqual([[0, 7n]]);
  });

  it("waits for every copy of a message read again after a rebalance, and ignores copies already committed", () => {
    const w = createCommitWatermark<string>();
    for (const offset of [1n, 2n, 3n]) w.received(0, offset, `first ${offset}`);
    w.folded(0, 1n);
    expect(offsets(w.toCommit())).toEqual([[0, 1n]]);
    // The stream reads again from the committed offset (or an older one, if that commit was refused).
    for (const offset of [1n, 2n, 3n]) w.received(0, offset, `again ${offset}`);
    w.folded(0, 1n); // the second copy of 1: already committed, nothing waits for it
    w.folded(0, 2n);
    w.folded(0, 3n);
    expect(w.toCommit()).toEqual([]); // the second copies of 2 and 3 are not folded yet
    w.folded(0, 2n);
    w.folded(0, 3n);
    expect(w.toCommit()).toEqual([{ partition: 0, offset: 3n, handle: "again 3" }]);
  });

  it("forgets partitions that went to another member", () => {
    const w = createCommitWatermark<string>();
    w.received(0, 1n, "p0");
    w.received(1, 1n, "p1");
    w.retain([1]);
    w.folded(0, 1n);
    w.folded(1, 1n);
    expect(offsets(w.toCommit())).toEqual([[1, 1n]]);
    expect(w.pending()).toBe(0);
  });

  it("ignores a fold it was never told was received", () => {
    const w = createCommitWatermark<string>();
    w.folded(3, 9n);
    w.received(3, 10n, "m10");
    w.folded(3, 9n);
    expect(w.toCommit()).toEqual([]);
  });
});
