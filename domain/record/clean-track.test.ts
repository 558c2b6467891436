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

describe("slow movement is movement", () => {
  it.each([1, 5, 30, 60])("a climb at 0.3 m/s recorded every %i s keeps its distance and moving time", (everySeconds) => {
    // 20 minutes up a steep trail, no accuracy reported (a watch), fixes wandering ±0.5 m.
    const count = Math.floor(1200 / everySeconds) + 1;
    const points = line(count, 0.3, { everySeconds }).map((p, i) => ({ ...p, accuracy: null, lng: p.lng + (0.5 * Math.sin(i * 1.7)) / 88_000 }));
    const track = cleanTrack(points);
    const moving = track.steps.filter((step) => step.kind === "moving");
    expect(moving.reduce((sum, step) => sum + step.seconds, 0)).toBeGreaterThanOrEqual(0.98 * 1200);
    expect(countedMeters(track)).toBeGreaterThan(0.98 * 360);
    expect(track.steps.some((step) => step.gap)).toBe(false);
  });

  it("but standing still with the same wander is a stop", () => {
    const points = line(600, 0, { everySeconds: 1 }).map((p, i) => ({ ...p, accuracy: null, lng: p.lng + (0.5 * Math.sin(i * 1.7)) / 88_000 }));
    expect(countedMeters(cleanTrack(points))).toBeLessThan(5);
  });

  it("a long quiet step of drift between running steps is a stop (a recorder that fixes on movement)", () => {
    const before = line(30, 3, { everySeconds: 4 });
    const after = line(30, 3, { everySeconds: 4, t0: T0 + (29 * 4 + 45) * 1000, idPrefix: "1" }).map((p) => ({
      ...p,
      lat: p.lat + (29 * 4 * 3 + 12) / METERS_PER_DEGREE, // 12 m of drift over the 45 s stop
    }));
    const step = cleanTrack([...before, ...after]).steps.find((s) => s.seconds === 45)!;
    expect(step.kind).toBe("stopped");
    expect(step.gap).toBe(false);
  });
});

describe("holes: a stretch with no fixes while not paused", () => {
  it("at 1 Hz, a 90 s silence at 3 m/s is unrecorded: its straight line counts, and it is marked for a dashed line", () => {
    const before = line(61, 3);
    const after = line(61, 3, { t0: T0 + 150_000, idPrefix: "1" }).map((p) => ({ ...p, lat: p.lat + 450 / METERS_PER_DEGREE }));
    const track = cleanTrack([...before, ...after]);
    const hole = track.steps.find((step) => step.seconds === 90)!;
    expect(hole).toMatchObject({ kind: "moving", gap: true, unrecorded: true });
    expect(countedMeters(track)).toBeCloseTo(180 + 270 + 180, -1);
  });

  it("a watch's 60 s spacing amid 5–60 s fixes is its cadence, not a hole", () => {
    const points = [...line(20, 2.5, { everySeconds: 5 }), ...line(20, 2.5, { everySeconds: 60, t0: T0 + 100_000, idPrefix: "1" })].map((p, i, all) => ({
      ...p,
      lat: 37.5 + ((p.ts - T0) / 1000) * 2.5 / METERS_PER_DEGREE,
      id: all[i]!.id,
    }));
    const track = cleanTrack(points);
    expect(track.steps.some((step) => step.gap || step.unrecorded)).toBe(false);
    expect(countedMeters(track)).toBeCloseTo(2.5 * ((points.at(-1)!.ts - T0) / 1000), -1);
  });

  it("an impossible speed across a hole is a jump: no distance, not bridged", () => {
    const before = line(61, 3);
    const after = line(61, 3, { t0: T0 + 150_000, idPrefix: "1" }).map((p) => ({ ...p, lat: p.lat + 5_000 / METERS_PER_DEGREE }));
    const hole = cleanTrack([...before, ...after]).steps.find((step) => step.seconds === 90)!;
    expect(hole).toMatchObject({ kind: "jump", gap: true, unrecorded: false });
  });
});
