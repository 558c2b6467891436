import { describe, expect, it } from "vitest";
import { groupLag } from "./group-lag";

describe("groupLag", () => {
  it("is the end offset minus the committed one, per partition", () => {
    const lag = groupLag({
      end: new Map([[0, 120n], [1, 7n], [2, 0n]]),
      start: new Map([[0, 0n], [1, 0n], [2, 0n]]),
      committed: new Map([[0, 100n], [1, 7n], [2, -1n]]),
    });
    expect([...lag]).toEqual([[0, 20], [1, 0], [2, 0]]);
  });

  it("counts a partition the group never committed from its oldest kept message", () => {
    const lag = groupLag({ end: new Map([[0, 50n], [1, 9n]]), start: new Map([[0, 30n]]), committed: new Map([[0, -1n]]) });
    expect([...lag]).toEqual([[0, 20], [1, 9]]);
  });

  it("is never negative (a commit read after a newer end offset)", () => {
    expect(groupLag({ end: new Map([[0, 5n]]), start: new Map(), committed: new Map([[0, 6n]]) }).get(0)).toBe(0);
  });
});
