import { describe, expect, it } from "vitest";
import { elapsedShownAt, MAX_EXTRAPOLATION_MS } from "./live-clock";

const at = 1_800_000_000_000;
const stats = { elapsedSeconds: 600, lastFixAt: at, paused: false };

describe("elapsedShownAt", () => {
  it("runs on from the last fix while the runner runs", () => {
    expect(elapsedShownAt(stats, at)).toBe(600);
    expect(elapsedShownAt(stats, at + 999)).toBe(600);
    expect(elapsedShownAt(stats, at + 7_400)).toBe(607);
  });

  it("holds while paused and once finished", () => {
    expect(elapsedShownAt({ ...stats, paused: true }, at + 30_000)).toBe(600);
    expect(elapsedShownAt(stats, at + 30_000, true)).toBe(600);
  });

  it("stops running a while after the last fix, when the phone may have paused unseen", () => {
    expect(elapsedShownAt(stats, at + MAX_EXTRAPOLATION_MS)).toBe(600 + MAX_EXTRAPOLATION_MS / 1000);
    expect(elapsedShownAt(stats, at + 60 * 60 * 1000)).toBe(600 + MAX_EXTRAPOLATION_MS / 1000);
  });

  it("never goes back when the phone's clock is ahead of the follower's", () => {
    expect(elapsedShownAt(stats, at - 5_000)).toBe(600);
  });
});
