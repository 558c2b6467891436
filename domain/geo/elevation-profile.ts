/**
 * Altitude over distance for a chart: cumulative 2D distance along the points in time order, thinned to
 * at most `maxSamples` samples by taking evenly spaced ones. Points without an altitude add distance but
 * no sample. Raw distance (not the record's filtered one): a chart's x axis, not a measurement.
 */
import { haversineDistance } from "./distance";
import type { TrackPoint } from "./track-point";

export interface ProfileSample {
  meters: number;
  altitude: number;
}

export function elevationProfile(points: readonly TrackPoint[], maxSamples = 200): ProfileSample[] {
  const samples: ProfileSample[] = [];
  let meters = 0;
  points.forEach((point, index) => {
    if (index > 0) meters += haversineDistance(points[index - 1]!, point);
    if (point.altitude !== null && Number.isFinite(point.altitude)) samples.push({ meters, altitude: point.altitude });
  });
  if (samples.length <= maxSamples) return samples;
  const step = (samples.length - 1) / (maxSamples - 1);
  return Array.from({ length: maxSamples }, (_, i) => samples[Math.round(i * step)]!);
}
