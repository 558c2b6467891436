/**
 * Realistic runs for the page benchmark, without a GPS: a runner who has run about once a day for three
 * years (1,000 runs, mornings and evenings in Seoul, courses from the catalog at 5:00–7:30 per km), each
 * with a record computed the real way from a synthetic track (a fix every 3 s, as the app records), and
 * one hour-long run at 1 Hz (3,600 points) for the run page.
 */
import { randomUUID } from "node:crypto";
import type { CourseStep } from "@/domain/coaching/schedule";
import type { TrackPoint } from "@/domain/geo/track-point";
import { routePreviews, type RoutePreviews } from "@/domain/geo/route-preview";
import { computeRecord, type RunRecord } from "@/domain/record/compute-record";

export interface BenchCourse {
  id: string;
  totalSeconds: number;
  steps: CourseStep[];
}

export interface SyntheticActivity {
  id: string;
  courseId: string;
  startedAt: Date;
  finishedAt: Date;
  distanceMeters: number;
  movingSeconds: number;
  pointCount: number;
  record: RunRecord;
  /** As the record job stores it with the record (history cards' thumbnails). */
  routePreview: RoutePreviews;
}

const DAY_MS = 86_400_000;
const METERS_PER_DEGREE = 111_320;

/** A deterministic pseudo-random sequence, so every benchmark run seeds the same history. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A loop through a park: a rounded rectangle a few hundred metres across, run at `speed` m/s with a little
 * GPS wobble, one fix every `intervalSeconds`, altitude rolling over gentle hills.
 */
export function syntheticTrack(startMs: number, seconds: number, speed: number, intervalSeconds: number, random: () => number): TrackPoint[] {
  const center = { lat: 37.5283 + (random() - 0.5) * 0.02, lng: 126.9326 + (random() - 0.5) * 0.02 };
  const radius = 250 + random() * 250;
  const points: TrackPoint[] = [];
  for (let t = 0; t <= seconds; t += intervalSeconds) {
    const angle = (speed * t) / radius;
    const north = radius * Math.sin(angle) + (random() - 0.5) * 3;
    const east = radius * 1.4 * Math.cos(angle) + (random() - 0.5) * 3;
    points.push({
      id: randomUUID(),
      ts: startMs + t * 1000,
      lat: center.lat + north / METERS_PER_DEGREE,
      lng: center.lng + east / (METERS_PER_DEGREE * Math.cos((center.lat * Math.PI) / 180)),
      altitude: 30 + 12 * Math.sin(angle * 3) + (random() - 0.5),
      accuracy: 4 + random() * 4,
      speed: null,
    });
  }
  return points;
}

/** `count` runs over the `years` before `now`, newest last, each with its record. */
export function syntheticHistory(courses: readonly BenchCourse[], count: number, now: number, years = 3): SyntheticActivity[] {
  const random = seededRandom(20_261_122);
  const span = years * 365 * DAY_MS;
  const activities: SyntheticActivity[] = [];
  for (let i = 0; i < count; i++) {
    const course = courses[Math.floor(random() * courses.length)]!;
    const day = now - span + Math.floor((i / count) * span);
    const dayStart = day - (day % DAY_MS) - 9 * 3_600_000; // midnight in Seoul
    const hour = random() < 0.6 ? 5.5 + random() * 2.5 : 18 + random() * 3;
    const startMs = dayStart + Math.round(hour * 3_600_000);
    const speed = 1000 / (300 + random() * 150);
    const points = syntheticTrack(startMs, course.totalSeconds, speed, 3, random);
    const finishMs = points.at(-1)!.ts;
    const record = computeRecord({ points, startedAt: startMs, finishedAt: finishMs, courseSteps: course.steps });
    activities.push({
      id: randomUUID(),
      courseId: course.id,
      startedAt: new Date(startMs),
      finishedAt: new Date(finishMs),
      distanceMeters: record.distanceMeters,
      movingSeconds: record.movingSeconds,
      pointCount: record.pointCount,
      record,
      routePreview: routePreviews(record.route),
    });
  }
  return activities;
}
