import { describe, expect, it } from "vitest";
import type { TrackPoint } from "../geo/track-point";
import { cleanTrack, inWarmUp } from "./clean-track";
import { GAP_MIN_SECONDS, WARM_UP_SECONDS } from "./thresholds";

const T0 = Date.UTC(2026, 10, 1, 7);
const METERS_PER_DEGREE = 111_195;

/** Fixes `everySeconds` apart at `metersPerSecond` northwards, from `t0`. */
function line(count: number, metersPerSecond: number, options: { t0?: number; everySeconds?: number; idPrefix?: string } = {}) {
  const { t0 = T0, everySeconds = 1, idPrefix = "0" } = options;
  return Array.from({ length: count }, (_, i): TrackPoint => ({
    id: `00000000-0000-4000-8000-${idPrefix}${String(i).padStart(11, "0")}`,
    ts: t0 + i * everySeconds * 1000,
    lat: 37.5 + (i * everySeconds * metersPerSecond) / METERS_PER_DEGREE,
    lng: 127,
    altitude: null,
    accuracy: 5,
    speed: null,
  }));
}

const countedMeters = (track: ReturnType<typeof cleanTrack>) =>
  track.steps.filter((step) => step.kind === "moving").reduce((sum, step) => sum + step.meters, 0);

describe("warm-up after start and resume", () => {
  it("drops the fixes of the first seconds after the start, and none without a start time", () => {
    const points = line(20, 3);
    expect(cleanTrack(points).dropped.warmUp).toBe(0);
    const track = cleanTrack(points, { startedAt: T0 });
    expect(track.dropped.warmUp).toBe(WARM_UP_SECONDS);
    expect(track.points[0]!.ts).toBe(T0 + WARM_UP_SECONDS * 1000);
    expect(countedMeters(track)).toBeCloseTo(3 * (19 - WARM_UP_SECONDS), 1);
  });

  it("keeps a start's converging fixes from adding distance", () => {
    // The first fixes wander 25 m east and back, within the accuracy filter, while the runner stands still.
    const points = line(30, 3).map((p, i) => (i < 3 ? { ...p, lat: 37.5, lng: 127 + (25 - i * 8) / 88_000 } : p));
    const raw = countedMeters(cleanTrack(points));
    const warmedUp = countedMeters(cleanTrack(points, { startedAt: T0 }));
    expect(raw - warmedUp).toBeGreaterThan(20);
  });

  it("drops the first seconds after each resume, and not before it", () => {
    const pauses = [{ at: T0 + 20_000, resumedAt: T0 + 40_000 }];
    expect(inWarmUp(T0 + 19_000, { startedAt: T0, pauses })).toBe(false);
    expect(inWarmUp(T0 + 40_000, { startedAt: T0, pauses })).toBe(true);
    expect(inWarmUp(T0 + 40_000 + WARM_UP_SECONDS * 1000 - 1, { startedAt: T0, pauses })).toBe(true);
    expect(inWarmUp(T0 + 40_000 + WARM_UP_SECONDS * 1000, { startedAt: T0, pauses })).toBe(false);
    // A pause still open has no resume, so nothing after it is warm-up.
    expect(inWarmUp(T0 + 60_000, { startedAt: T0, pauses: [{ at: T0 + 50_000, resumedAt: null }] })).toBe(false);
  });

  it("never changes the stored points: a dropped fix is only not counted", () => {
    const points = line(10, 3);
    const copy = structuredClone(points);
    cleanTrack(points, { startedAt: T0 });
    expect(points).toEqual(copy);
  });
});

describe("stretches with no fixes", () => {
  it("a pause adds no distance and breaks the route, even when shorter than the gap threshold", () => {
    const before = line(11, 3);
    const after = line(11, 3, { t0: T0 + 20_000, idPrefix: "1" }).map((p) => ({ ...p, lat: p.lat + 60 / METERS_PER_DEGREE }));
    const track = cleanTrack([...before, ...after], { pauses: [{ at: T0 + 10_500, resumedAt: T0 + 19_500 }] });
    const across = track.steps.find((step) => step.from.ts === T0 + 10_000)!;
    expect(across.kind).toBe("paused");
    expect(across.gap).toBe(true);
    // 30 m before the pause, 30 m after it less the resume's 5 s warm-up (15 m); nothing across the 60 m jump.
    expect(countedMeters(track)).toBeCloseTo(45, 0);
  });

  it("a step longer than the gap threshold is drawn as a gap; its distance counts only at a plausible speed", () => {
    const before = line(11, 3);
    const silence = GAP_MIN_SECONDS + 30;
    // 2 m/s across the silence: a runner who kept going while the phone recorded nothing.
    const after = line(11, 3, { t0: T0 + (10 + silence) * 1000, idPrefix: "1" }).map((p) => ({
      ...p,
      lat: p.lat + (30 + 2 * silence) / METERS_PER_DEGREE,
    }));
    const track = cleanTrack([...before, ...after]);
    const across = track.steps.find((step) => step.from.ts === T0 + 10_000)!;
    expect(across.gap).toBe(true);
    expect(across.kind).toBe("moving");

    // The same silence ending back near where it began: a loop the line cannot follow is a stop, not distance.
    const back = after.map((p) => ({ ...p, lat: p.lat - (2 * silence) / METERS_PER_DEGREE }));
    const loop = cleanTrack([...before, ...back]).steps.find((step) => step.from.ts === T0 + 10_000)!;
    expect(loop.gap).toBe(true);
    expect(loop.kind).toBe("stopped");
  });
});
