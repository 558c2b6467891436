/**
 * The record against the truth on simulated recordings (testing/noisy-track.ts), over 20 seeds of each kind:
 * a phone at 1 Hz with drifting error, spikes, poor first fixes, stops and tunnels; and a 6.5 h trail run
 * recorded sparsely by a watch, with steep climbs at 0.3–0.5 m/s. Before issue 15 the phone read +1.2 to
 * +5.1 % long and the trail −8 to −12 % short with its moving time a third short, drawn in 156–205 pieces
 * (`npm run bench:accuracy`).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeRecord } from "./compute-record";
import { noisyTrack } from "./testing/noisy-track";

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const error = (value: number, truth: number) => (value - truth) / truth;

describe("record on simulated phone tracks (1 Hz, drifting error)", () => {
  it.each(SEEDS)("seed %i: distance and moving time within ±1.5 % of the truth", (seed) => {
    const track = noisyTrack("phone", seed);
    const record = computeRecord({ points: track.points, startedAt: track.startedAt, finishedAt: track.finishedAt });
    expect(Math.abs(error(record.distanceMeters, track.truth.distanceMeters))).toBeLessThan(0.015);
    expect(Math.abs(error(record.movingSeconds, track.truth.movingSeconds))).toBeLessThan(0.015);
  });
});

describe("record on a simulated 6.5 h trail run with smart recording (5–60 s between fixes)", () => {
  it.each(SEEDS)("seed %i: one unbroken route; distance and moving time within ±1.5 %, climbs included", (seed) => {
    const track = noisyTrack("sparse-trail", seed);
    const record = computeRecord({ points: track.points, startedAt: track.startedAt, finishedAt: track.finishedAt });
    expect(record.route).toHaveLength(1);
    expect(record.bridges).toEqual([]);
    expect(Math.abs(error(record.distanceMeters, track.truth.distanceMeters))).toBeLessThan(0.015);
    // Climbs at 0.3–0.5 m/s are a third of the time: counting them as stops would miss by far more.
    expect(Math.abs(error(record.movingSeconds, track.truth.movingSeconds))).toBeLessThan(0.015);
  });
});

describe("the record does not depend on arrival, on noisy tracks too", () => {
  it("gives the identical record for any order and any duplicates", () => {
    const track = noisyTrack("phone", 3);
    const input = { startedAt: track.startedAt, finishedAt: track.finishedAt };
    const expected = computeRecord({ points: track.points, ...input });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: track.points.length - 1 }), { maxLength: 200 }), fc.integer(), (extra, salt) => {
        const shuffled = [...track.points, ...extra.map((i) => track.points[i]!)]
          .map((point, k) => ({ point, key: Math.sin(k * 12.9898 + salt) }))
          .sort((a, b) => a.key - b.key)
          .map(({ point }) => point);
        expect(computeRecord({ points: shuffled, ...input })).toEqual(expected);
      }),
      { numRuns: 15 },
    );
  });
});
