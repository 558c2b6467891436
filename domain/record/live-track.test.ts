import { describe, expect, it } from "vitest";
import type { TrackPoint } from "@/domain/geo/track-point";
import { computeRecord } from "@/domain/record/compute-record";
import { noisyTrack } from "@/domain/record/testing/noisy-track";
import { WARM_UP_SECONDS } from "@/domain/record/thresholds";
import { loadTrack } from "@/test-support/tracks";
import { addFix, EMPTY_TRACK, isRepeat, type LiveTrack } from "./live-track";

const fix = (i: number): TrackPoint => ({
  id: `p${i}`,
  ts: i * 3_000,
  lat: 37.5 + i * 0.0001,
  lng: 126.9,
  altitude: null,
  accuracy: 5,
  speed: null,
});

function replay(points: readonly TrackPoint[], timing: Parameters<typeof addFix>[2]) {
  let track: LiveTrack = EMPTY_TRACK;
  let longestTail = 0;
  for (const point of points) {
    track = addFix(track, point, timing);
    longestTail = Math.max(longestTail, track.tail.length);
  }
  return { track, longestTail };
}

describe("addFix", () => {
  it.each(["togeojson-strava-run-1hz-gap.gpx", "wt-garmin-connect-run-3k.gpx", "gpxgo-mytracks-android-4.4k.gpx"])(
    "shows the distance the server's record gives, fix by fix over a short tail: %s",
    (name) => {
      const points = loadTrack(name);
      const timing = { startedAt: points[0]!.ts, pauses: [] };
      const { track, longestTail } = replay(points, timing);
      const record = computeRecord({ points, ...timing });
      expect(track.pointCount).toBe(points.length);
      expect(Math.abs(track.distanceMeters - record.distanceMeters)).toBeLessThan(0.5);
      // The tail stays about a minute long however long the run is.
      expect(longestTail).toBeLessThan(100);
    },
  );

  it.each([
    ["phone", 6, 0.5],
    ["phone", 7, 0.5],
    // Smart recording: 30 s of context holds one fix or none, so a sparse run agrees to 0.1 %, not to the metre.
    ["sparse-trail", 1, 0.001 * 37_000],
  ] as const)("on a simulated %s track (seed %i), the smoothed live distance is the server's", (profile, seed, tolerance) => {
    const track = noisyTrack(profile, seed);
    const timing = { startedAt: track.startedAt, pauses: [] };
    const { track: live, longestTail } = replay(track.points, timing);
    const record = computeRecord({ points: track.points, ...timing });
    expect(Math.abs(live.distanceMeters - record.distanceMeters)).toBeLessThan(tolerance);
    expect(longestTail).toBeLessThan(profile === "phone" ? 150 : 100);
  });

  it("does not count the warm-up after the start or a resume", () => {
    const points = Array.from({ length: 40 }, (_, i) => fix(i)); // 11.1 m every 3 s
    const pauses = [{ at: 60_000, resumedAt: 70_000 }];
    const { track } = replay(points, { startedAt: 0, pauses });
    const record = computeRecord({ points, startedAt: 0, pauses });
    expect(track.distanceMeters).toBeCloseTo(record.distanceMeters, 1);
    // Without the warm-ups and the pause the same fixes would count more.
    const { track: plain } = replay(points, {});
    expect(plain.distanceMeters - track.distanceMeters).toBeGreaterThan(3 * 11);
    expect(WARM_UP_SECONDS).toBeGreaterThan(3);
  });

  it("gives the pace of the last half minute's counted steps", () => {
    const { track } = replay(
      Array.from({ length: 40 }, (_, i) => fix(i)),
      {},
    );
    const meters = track.recentSteps.reduce((sum, step) => sum + step.meters, 0);
    const seconds = track.recentSteps.reduce((sum, step) => sum + step.seconds, 0);
    expect(seconds).toBe(30);
    expect(meters / seconds).toBeCloseTo(3.7, 1);
  });
});

describe("isRepeat", () => {
  it("knows the last fix handed again (same time), not a new one", () => {
    const track = [fix(0), fix(1)].reduce((t, p) => addFix(t, p, {}), EMPTY_TRACK);
    expect(isRepeat(track, { ...fix(1), id: "again" })).toBe(true);
    expect(isRepeat(track, fix(2))).toBe(false);
    expect(isRepeat(EMPTY_TRACK, fix(0))).toBe(false);
  });
});
