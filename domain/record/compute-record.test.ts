/**
 * The record on every real track in ../shared/gpx against SOURCES.md. Clean tracks must land within 1 % of
 * the reference; on the jittery ones each test says what the filter removes and why.
 */
import { describe, expect, it } from "vitest";
import { pathDistance } from "@/domain/geo/distance";
import type { TrackPoint } from "@/domain/geo/track-point";
import { loadTrack } from "@/test-support/tracks";
import { cleanTrack } from "./clean-track";
import { computeRecord } from "./compute-record";

const within = (actual: number, expected: number, fraction: number) =>
  expect(Math.abs(actual - expected) / expected).toBeLessThan(fraction);

describe("computeRecord on real tracks", () => {
  it("Garmin Connect run (workout-tracker): within 1 % of 3096 m, the 106 s signal gap bridged and drawn as a gap", () => {
    const record = computeRecord({ points: loadTrack("wt-garmin-connect-run-3k.gpx") });
    within(record.distanceMeters, 3096, 0.01);
    expect(record.elapsedSeconds).toBe(948);
    // The gap's 116 m at 1.1 m/s is walking-speed movement the runner really made: counted, not drawn.
    expect(record.route.length).toBeGreaterThan(1);
    expect(record.filtered.jumps).toBe(0);
  });

  it("Forerunner 410 (TCX, 3 laps joined): within 1 % of the watch's 4686.31 m", () => {
    const record = computeRecord({ points: loadTrack("tcxparser-forerunner410-run-4.7k.tcx") });
    within(record.distanceMeters, 4686.31, 0.01);
    within(record.elapsedSeconds, 1991, 0.001);
  });

  it("Android My Tracks: within 1 % of 4442.98 m; the 41 s stop adds neither distance nor moving time", () => {
    const points = loadTrack("gpxgo-mytracks-android-4.4k.gpx");
    const record = computeRecord({ points });
    within(record.distanceMeters, 4442.98, 0.005);
    expect(record.filtered.stoppedSeconds).toBeGreaterThanOrEqual(41);
    expect(record.movingSeconds).toBeLessThanOrEqual(record.elapsedSeconds - 41);
    // The stop is one 41 s step of 11.3 m drift with no fixes (My Tracks records on movement): slower than a
    // slow walk, so not a stretch the runner covered. The smoother takes another ~8 m of jitter (0.2 %).
    const stop = cleanTrack(points).steps.find((step) => step.seconds === 41)!;
    expect(stop.kind).toBe("stopped");
    expect(pathDistance(points) - record.distanceMeters).toBeGreaterThan(11.3);
    expect(pathDistance(points) - record.distanceMeters).toBeLessThan(25);
  });

  it("Garmin casual stroll (georust, clean, 1 h 31 min): within 1 % of the raw 12821.2 m", () => {
    const record = computeRecord({ points: loadTrack("georust-garmin-casual-stroll-12.8k.gpx") });
    within(record.distanceMeters, 12821.2, 0.01);
    expect(record.splits).toHaveLength(13);
  });

  it("eTrex 10 (4 points): moving 39 s and stopped 25 s, as gpxgo says; the stationary step's 1.7 m is not distance", () => {
    const points = loadTrack("gpxgo-etrex10-tiny-64s.gpx");
    const record = computeRecord({ points });
    expect(record.movingSeconds).toBe(39);
    expect(record.filtered.stoppedSeconds).toBe(25);
    within(record.distanceMeters, 56.7758 - 1.7, 0.01);
  });

  it("Strava 1 Hz run with a pause: drops the bogus 14–16 m/s steps, the 82 m jump and the pause's drift", () => {
    const points = loadTrack("togeojson-strava-run-1hz-gap.gpx");
    const raw = pathDistance(points);
    const record = computeRecord({ points });
    const removed = raw - record.distanceMeters;
    // Four bogus steps (~58 m), the 14.3 m/s and 82 m/s jumps (~96 m), and 14 m of drift in the 140 s pause.
    expect(removed).toBeGreaterThan(165);
    expect(removed).toBeLessThan(185);
    expect(record.filtered.jumps + record.filtered.spikes).toBeGreaterThanOrEqual(6);
    expect(record.filtered.stoppedSeconds).toBeGreaterThanOrEqual(140);
    expect(record.elapsedSeconds - record.movingSeconds).toBeGreaterThanOrEqual(140);
  });
});

describe("computeRecord is independent of arrival", () => {
  it("gives the identical record for shuffled and duplicated points", () => {
    const points = loadTrack("wt-garmin-connect-run-3k.gpx");
    const shuffled = [...points].sort((a, b) => (a.id.split("").reverse().join("") < b.id.split("").reverse().join("") ? -1 : 1));
    const withDuplicates = [...shuffled, ...points.slice(0, 50), ...points.slice(100, 120)];
    expect(computeRecord({ points: withDuplicates })).toEqual(computeRecord({ points }));
  });
});

function straightLine(count: number, metersPerSecond: number, t0 = Date.UTC(2026, 10, 1, 7)): TrackPoint[] {
  // 1 s apart, northwards; 1 m of latitude is 1/111195 degrees.
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    ts: t0 + i * 1000,
    lat: 37.5 + (i * metersPerSecond) / 111_195,
    lng: 127,
    altitude: 20,
    accuracy: 5,
    speed: null,
  }));
}

describe("computeRecord details", () => {
  it("cuts splits at each kilometre and ends with the partial one", () => {
    const record = computeRecord({ points: straightLine(1001, 2.5) }); // 2.5 km at 2.5 m/s
    expect(record.splits.map((s) => s.meters)).toEqual([1000, 1000, 500]);
    expect(record.splits[0]!.paceSecondsPerKm).toBeCloseTo(400, 0);
    expect(record.averagePaceSecondsPerKm).toBeCloseTo(400, 0);
  });

  it("ignores fixes with a poor accuracy radius", () => {
    const points = straightLine(61, 3).map((p, i) => (i % 10 === 5 ? { ...p, accuracy: 80, lng: 127.01 } : p));
    const record = computeRecord({ points });
    expect(record.filtered.inaccurate).toBe(6);
    within(record.distanceMeters, 180, 0.01);
  });

  it("counts no elevation gain from ±2 m altimeter noise, and a real 20 m climb in full", () => {
    const noisy = straightLine(200, 3).map((p, i) => ({ ...p, altitude: 20 + (i % 2 === 0 ? 2 : -2) }));
    expect(computeRecord({ points: noisy }).elevationGainMeters).toBe(0);
    const hill = straightLine(200, 3).map((p, i) => ({ ...p, altitude: 20 + Math.min(i, 100) * 0.2 }));
    expect(computeRecord({ points: hill }).elevationGainMeters).toBeCloseTo(20, 0);
  });

  it("gives each course step its distance and pace, using the run's pauses", () => {
    const t0 = Date.UTC(2026, 10, 1, 7);
    // 60 s walking at 1.5 m/s, a 30 s pause (no fixes), then 60 s running at 3 m/s.
    const walk = straightLine(61, 1.5, t0);
    const run = straightLine(61, 3, t0 + 90_000).map((p, i) => ({
      ...p,
      id: `00000000-0000-4000-8000-1${String(i).padStart(11, "0")}`,
      lat: walk.at(-1)!.lat + (i * 3) / 111_195,
    }));
    const record = computeRecord({
      points: [...walk, ...run],
      startedAt: t0,
      finishedAt: t0 + 150_000,
      pauses: [{ at: t0 + 60_000, resumedAt: t0 + 90_000 }],
      courseSteps: [
        { type: "walk", durationSeconds: 60 },
        { type: "run", durationSeconds: 60 },
      ],
    });
    // The first 5 s after the start and after the resume are the receiver's warm-up: 7.5 m and 15 m not counted.
    expect(record.steps.map((s) => [s.type, s.meters])).toEqual([["walk", 82.5], ["run", 165]]);
    expect(record.filtered.warmUp).toBe(10);
    expect(record.pointCount).toBe(122);
    expect(record.steps[1]!.paceSecondsPerKm).toBeCloseTo(333.3, 0);
    expect(record.elapsedSeconds).toBe(120);
    expect(record.route).toHaveLength(2); // the pause is a gap, not a line
    expect(record.bridges).toEqual([]); // and not a dashed one either: a pause adds nothing
  });

  it("bridges a hole with no fixes by a straight line to draw dashed, between two polylines", () => {
    const t0 = Date.UTC(2026, 10, 1, 7);
    const before = straightLine(61, 3, t0);
    const after = straightLine(61, 3, t0 + 150_000).map((p, i) => ({
      ...p,
      id: `00000000-0000-4000-8000-1${String(i).padStart(11, "0")}`,
      lat: before.at(-1)!.lat + (270 + i * 3) / 111_195,
    }));
    const record = computeRecord({ points: [...before, ...after] });
    expect(record.route).toHaveLength(2);
    expect(record.bridges).toHaveLength(1);
    const [from, to] = record.bridges![0]!;
    expect(from[0]).toBeCloseTo(record.route[0]!.at(-1)![0], 9);
    expect(to[0]).toBeCloseTo(record.route[1]![0]![0], 9);
    within(record.distanceMeters, 180 + 270 + 180, 0.005);
  });
});
