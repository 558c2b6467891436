import { describe, expect, it } from "vitest";
import { haversineDistance } from "@/domain/geo/distance";
import type { TrackPoint } from "@/domain/geo/track-point";
import { applyUpdate } from "@/domain/live/live-route";
import { EMPTY_LIVE_STATE, foldBatch, MAX_ROUTE_POINTS, type LiveRunInfo, type LiveRunState } from "./live-state";

const START = Date.UTC(2026, 5, 1, 6, 0, 0);
const HOME = { lat: 37.5, lng: 127 };
/** Metres per degree of latitude on the mean sphere. */
const M_PER_DEG = 111_195;

/** A runner going north at 3 m/s from home, one fix a second from `fromS` to `toS` seconds after the start. */
function fixes(fromS: number, toS: number, speed = 3): TrackPoint[] {
  const out: TrackPoint[] = [];
  for (let s = fromS; s <= toS; s++) {
    out.push({ id: `p${s}`, ts: START + s * 1000, lat: HOME.lat + (s * speed) / M_PER_DEG, lng: HOME.lng, altitude: null, accuracy: 5, speed });
  }
  return out;
}

const info = (overrides: Partial<LiveRunInfo> = {}): LiveRunInfo => ({
  startedAt: START,
  pauses: [],
  finishedAt: null,
  steps: [
    { type: "walk", durationSeconds: 60 },
    { type: "run", durationSeconds: 120 },
  ],
  hideRouteEnds: true,
  ...overrides,
});

function foldAll(batches: TrackPoint[][], runInfo = info()) {
  let state: LiveRunState = EMPTY_LIVE_STATE;
  const updates = [];
  for (const batch of batches) {
    const result = foldBatch(state, batch, runInfo);
    state = result.state;
    if (result.update) updates.push(result.update);
  }
  return { state, updates };
}

const allPoints = (state: LiveRunState) => state.route.flat();

describe("foldBatch", () => {
  it("shows nothing within 200 m of the start when home privacy is on", () => {
    const { state } = foldAll([fixes(0, 60), fixes(61, 120)]); // 360 m north
    const shown = allPoints(state);
    expect(shown.length).toBeGreaterThan(0);
    for (const [lat, lng] of shown) expect(haversineDistance(HOME, { lat, lng })).toBeGreaterThanOrEqual(200);
  });

  it("shows the whole route when home privacy is off", () => {
    const { state } = foldAll([fixes(0, 60)], info({ hideRouteEnds: false }));
    expect(haversineDistance(HOME, { lat: allPoints(state)[0]![0], lng: allPoints(state)[0]![1] })).toBeLessThan(5);
  });

  it("keeps home hidden when the runner comes back past it", () => {
    const out = fixes(0, 100); // 300 m north
    const back = fixes(0, 100).reverse().map((p, i) => ({ ...p, id: `b${i}`, ts: START + (101 + i) * 1000 }));
    const { state } = foldAll([out, back]);
    for (const [lat, lng] of allPoints(state)) expect(haversineDistance(HOME, { lat, lng })).toBeGreaterThanOrEqual(200);
  });

  it("numbers events one by one, and a redelivered batch adds no event", () => {
    const first = fixes(0, 30);
    const { state, updates } = foldAll([first, fixes(31, 60), first]);
    expect(updates.map((u) => u.seq)).toEqual([1, 2]);
    expect(state.seq).toBe(2);
  });

  it("changes nothing when the batches after the last commit are read again (a rebalance, a member that died)", () => {
    const batches = [fixes(0, 30), fixes(31, 60), fixes(61, 90)];
    const { state } = foldAll(batches);
    let again = state;
    for (const batch of batches.slice(1)) {
      const result = foldBatch(again, batch, info());
      expect(result.update).toBeNull();
      again = result.state;
    }
    expect(again).toEqual(state);
  });

  it("applying the updates gives the state's route (what a follower draws)", () => {
    const { state, updates } = foldAll([fixes(0, 90), fixes(91, 91), fixes(92, 150), fixes(151, 200)]);
    let drawn: [number, number][][] = [];
    for (const u of updates) drawn = applyUpdate(drawn, u);
    expect(drawn).toEqual(state.route);
  });

  it("starts a new line after a gap in the fixes", () => {
    const { state } = foldAll([fixes(0, 120), fixes(200, 260)], info({ hideRouteEnds: false }));
    expect(state.route).toHaveLength(2);
  });

  it("counts distance, pace, elapsed time and the course step", () => {
    const { state } = foldAll([fixes(0, 70)]);
    const stats = state.stats!;
    expect(stats.elapsedSeconds).toBe(70);
    expect(stats.step).toMatchObject({ index: 1, count: 2, type: "run", secondsLeft: 110 });
    expect(stats.distanceMeters).toBeGreaterThan(150); // warm-up seconds are not counted
    expect(stats.distanceMeters).toBeLessThan(215);
    expect(stats.paceSecondsPerKm).toBeCloseTo(1000 / 3, -1);
  });

  it("keeps the route bounded however long the run", () => {
    const batches: TrackPoint[][] = [];
    // A zig-zag (so simplification cannot drop it to a line), 2 h at 1 Hz, uploaded every 15 s.
    for (let s = 0; s < 7200; s += 15) {
      batches.push(fixes(s, s + 14).map((p) => ({ ...p, lng: HOME.lng + (Math.floor((p.ts - START) / 10_000) % 2) * 0.0003 })));
    }
    const { state, updates } = foldAll(batches, info({ hideRouteEnds: false }));
    expect(allPoints(state).length).toBeLessThanOrEqual(MAX_ROUTE_POINTS);
    expect(updates.some((u) => u.replace)).toBe(true);
  });
});
