import { describe, expect, it } from "vitest";
import { pathDistance } from "../../geo/distance";
import { noisyTrack } from "./noisy-track";

describe("noisyTrack", () => {
  it("is deterministic by seed, and seeds differ", () => {
    expect(noisyTrack("phone", 7)).toEqual(noisyTrack("phone", 7));
    expect(noisyTrack("phone", 7).points).not.toEqual(noisyTrack("phone", 8).points);
  });

  it("phone: a fix a second with an accuracy radius, some missed, reading longer than the truth raw", () => {
    const track = noisyTrack("phone", 1);
    const gaps = track.points.slice(1).map((p, i) => (p.ts - track.points[i]!.ts) / 1000);
    expect(Math.min(...gaps)).toBe(1);
    expect(gaps.filter((g) => g === 1).length / gaps.length).toBeGreaterThan(0.95);
    expect(track.points.every((p) => p.accuracy !== null && p.accuracy >= 3)).toBe(true);
    // The raw fixes wander: their sum overshoots the truth, as the issue measured on real phones.
    expect(pathDistance(track.points)).toBeGreaterThan(track.truth.distanceMeters * 1.01);
    expect(track.truth.movingSeconds).toBeLessThan((track.finishedAt - track.startedAt) / 1000);
  });

  it("sparse-trail: 6.5 h or more, fixes 5–60 s apart, no accuracy, real climbing", () => {
    const track = noisyTrack("sparse-trail", 1);
    expect((track.finishedAt - track.startedAt) / 3_600_000).toBeGreaterThanOrEqual(6.5);
    const gaps = track.points.slice(1).map((p, i) => (p.ts - track.points[i]!.ts) / 1000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(60);
    expect(Math.min(...gaps.slice(0, -1))).toBeGreaterThanOrEqual(5);
    expect(track.points.every((p) => p.accuracy === null)).toBe(true);
    const altitudes = track.points.map((p) => p.altitude!);
    expect(Math.max(...altitudes) - Math.min(...altitudes)).toBeGreaterThan(200);
  });
});
