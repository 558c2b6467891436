/**
 * Simulated recordings with a known truth, to measure the record against what the runner really did:
 * - `phone`: a 25–50 min city run at 1 Hz as a phone's GPS gives it: an error that drifts slowly (an
 *   Ornstein–Uhlenbeck wander of 2–5 m with a 1–3 min memory, smoothed by the receiver's own filter) plus a
 *   little white noise, a reported accuracy radius, poor first fixes converging from tens of metres, rare
 *   spikes, missed fixes, stops at lights, walking and running, and sometimes a tunnel with no fixes;
 * - `sparse-trail`: a 6.5 h mountain run recorded by a watch's "smart recording" (a fix when the heading has
 *   turned or after at most 60 s, never closer than 5 s), with steep climbs at 0.3–0.5 m/s and aid stops.
 * Pure and deterministic: the same seed gives the same track.
 */
import type { TrackPoint } from "../../geo/track-point";
import { seededRandom, type Random } from "./random";
import { truePath, type Leg, type TrueSample } from "./true-path";

export type NoisyProfile = "phone" | "sparse-trail";

export interface NoisyTrack {
  profile: NoisyProfile;
  seed: number;
  points: TrackPoint[];
  startedAt: number;
  finishedAt: number;
  truth: {
    distanceMeters: number;
    movingSeconds: number;
    /** Whether the runner was moving in each second since the start (index = seconds). */
    movingAt: boolean[];
  };
}

const ORIGIN = { lat: 37.55, lng: 126.98 };
const METERS_PER_DEGREE_LAT = 111_195.08;
const T0 = Date.UTC(2026, 5, 1, 6);

function phoneLegs(random: Random, minSeconds: number): Leg[] {
  const legs: Leg[] = [
    { seconds: Math.round(random.between(3, 8)), metersPerSecond: 0, windingDegrees: 0 },
    { seconds: Math.round(random.between(60, 180)), metersPerSecond: random.between(1.2, 1.5), windingDegrees: 4 },
  ];
  const blocks = Math.round(random.between(4, 6));
  let tunnel = random.chance(0.4);
  const seconds = () => legs.reduce((sum, leg) => sum + leg.seconds, 0);
  for (let b = 0; b < blocks || seconds() < minSeconds; b++) {
    const speed = random.between(2.6, 3.6);
    const runSeconds = random.between(180, 420);
    // A run block along streets: straight-ish stretches joined by corners.
    for (let done = 0; done < runSeconds; ) {
      const stretch = Math.round(random.between(30, 120));
      legs.push({ seconds: stretch, metersPerSecond: speed, windingDegrees: 2 });
      legs.push({ seconds: 3, metersPerSecond: speed, windingDegrees: 30 });
      done += stretch + 3;
    }
    if (tunnel) {
      legs.push({ seconds: Math.round(random.between(45, 120)), metersPerSecond: speed, windingDegrees: 0.3, unrecorded: true });
      tunnel = false;
    }
    if (random.chance(0.5)) legs.push({ seconds: Math.round(random.between(15, 90)), metersPerSecond: 0, windingDegrees: 0 });
    if (random.chance(0.6)) legs.push({ seconds: Math.round(random.between(30, 150)), metersPerSecond: random.between(1.1, 1.6), windingDegrees: 4 });
  }
  legs.push({ seconds: Math.round(random.between(120, 300)), metersPerSecond: random.between(1.2, 1.5), windingDegrees: 4 });
  legs.push({ seconds: 5, metersPerSecond: 0, windingDegrees: 0 });
  return legs;
}

function trailLegs(random: Random): Leg[] {
  const legs: Leg[] = [];
  let total = 0;
  const add = (leg: Leg) => {
    legs.push(leg);
    total += leg.seconds;
  };
  while (total < 6.5 * 3600) {
    add({ seconds: Math.round(random.between(600, 1500)), metersPerSecond: random.between(2.2, 2.9), windingDegrees: 3 });
    add({ seconds: Math.round(random.between(600, 1800)), metersPerSecond: random.between(0.3, 0.5), windingDegrees: 5, grade: random.between(0.25, 0.4) });
    add({ seconds: Math.round(random.between(300, 900)), metersPerSecond: random.between(1.8, 2.6), windingDegrees: 4, grade: -0.15 });
    if (random.chance(0.4)) add({ seconds: Math.round(random.between(60, 300)), metersPerSecond: 0, windingDegrees: 0 });
  }
  return legs;
}

/** A receiver's position error on one axis: a slow wander, smoothed by the receiver, plus white noise. */
function errorProcess(random: Random, driftMeters: number, memorySeconds: number, whiteMeters: number) {
  const keep = Math.exp(-1 / memorySeconds);
  const innovation = driftMeters * Math.sqrt(1 - keep * keep);
  const follow = 1 - Math.exp(-1 / 3);
  let drift = driftMeters * random.normal();
  let smoothed = drift;
  return () => {
    drift = keep * drift + innovation * random.normal();
    smoothed += (drift - smoothed) * follow;
    return smoothed + whiteMeters * random.normal();
  };
}

function toPoint(index: number, sample: TrueSample, east: number, north: number, altitude: number, accuracy: number | null): TrackPoint {
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    ts: T0 + sample.t * 1000,
    lat: ORIGIN.lat + north / METERS_PER_DEGREE_LAT,
    lng: ORIGIN.lng + east / (METERS_PER_DEGREE_LAT * Math.cos((ORIGIN.lat * Math.PI) / 180)),
    altitude: Math.round(altitude * 10) / 10,
    accuracy,
    speed: null,
  };
}

function phoneFixes(samples: readonly TrueSample[], random: Random): TrackPoint[] {
  const drift = random.between(2, 5);
  const memory = random.between(60, 180);
  const white = random.between(0.2, 0.5);
  const errorEast = errorProcess(random, drift, memory, white);
  const errorNorth = errorProcess(random, drift, memory, white);
  const accuracyBase = 1.5 * Math.hypot(drift, white);
  // The first fixes: a cached or unconverged position tens of metres off, closing in over seconds.
  const startOffset = random.between(30, 80);
  const startDirection = random.between(0, 2 * Math.PI);
  // Phone altitude wanders slowly too (±3 m with a minute's memory), not from fix to fix.
  const keepAltitude = Math.exp(-1 / 60);
  let altitudeError = 0;
  const points: TrackPoint[] = [];
  for (const sample of samples) {
    const e = errorEast();
    const n = errorNorth();
    if (sample.t === 0 || sample.unrecorded || random.chance(0.01)) continue;
    const converging = startOffset * Math.exp(-sample.t / 4);
    let east = sample.east + e + converging * Math.sin(startDirection);
    let north = sample.north + n + converging * Math.cos(startDirection);
    if (random.chance(0.003)) {
      const spike = random.between(40, 150);
      const direction = random.between(0, 2 * Math.PI);
      east += spike * Math.sin(direction);
      north += spike * Math.cos(direction);
    }
    const accuracy = Math.round(Math.max(3, accuracyBase * random.between(0.8, 1.2) + 0.5 * converging));
    altitudeError = keepAltitude * altitudeError + 3 * Math.sqrt(1 - keepAltitude ** 2) * random.normal();
    points.push(toPoint(points.length, sample, east, north, sample.altitude + altitudeError, accuracy));
  }
  return points;
}

/** Smart recording: a fix once the heading has turned 20° since the last one, or after 60 s; never within 5 s. */
function watchFixes(samples: readonly TrueSample[], random: Random): TrackPoint[] {
  const drift = random.between(2, 3.5);
  const memory = random.between(120, 300);
  const white = random.between(0.3, 0.6);
  const errorEast = errorProcess(random, drift, memory, white);
  const errorNorth = errorProcess(random, drift, memory, white);
  const points: TrackPoint[] = [];
  let last: TrueSample | null = null;
  for (const sample of samples) {
    const e = errorEast();
    const n = errorNorth();
    const isLast = sample === samples.at(-1);
    if (last) {
      const since = sample.t - last.t;
      const turned = Math.abs(sample.heading - last.heading) > (20 * Math.PI) / 180;
      if (!isLast && (since < 5 || (since < 60 && !turned))) continue;
    }
    last = sample;
    points.push(toPoint(points.length, sample, sample.east + e, sample.north + n, sample.altitude + 0.5 * random.normal(), null));
  }
  return points;
}

/** `minSeconds` lengthens a phone run with more blocks (for measuring cost on a long run). */
export function noisyTrack(profile: NoisyProfile, seed: number, options: { minSeconds?: number } = {}): NoisyTrack {
  const random = seededRandom(seed * 7919 + (profile === "phone" ? 1 : 2));
  const path = truePath(profile === "phone" ? phoneLegs(random, options.minSeconds ?? 0) : trailLegs(random), random);
  const points = profile === "phone" ? phoneFixes(path.samples, random) : watchFixes(path.samples, random);
  return {
    profile,
    seed,
    points,
    startedAt: T0,
    finishedAt: T0 + path.samples.at(-1)!.t * 1000,
    truth: {
      distanceMeters: path.distanceMeters,
      movingSeconds: path.movingSeconds,
      movingAt: path.samples.map((sample) => sample.metersPerSecond > 0),
    },
  };
}
