/**
 * Elevation gain with hysteresis: a climb is confirmed only once the altitude has risen more than
 * ELEVATION_HYSTERESIS_METERS above the valley before it, and then counts in full, valley to peak, when the
 * altitude falls the same amount below the peak (or the track ends). Altimeter noise smaller than the
 * threshold (a phone wandering ±2 m on flat ground) never confirms a climb; a real hill counts entirely.
 */
import type { TrackPoint } from "../geo/track-point";
import { ELEVATION_HYSTERESIS_METERS } from "./thresholds";

export function elevationGain(points: readonly TrackPoint[], hysteresis = ELEVATION_HYSTERESIS_METERS): number {
  let gain = 0;
  let valley: number | null = null;
  let peak = 0;
  let climbing = false;
  for (const point of points) {
    const altitude = point.altitude;
    if (altitude === null) continue;
    if (valley === null) {
      valley = altitude;
      continue;
    }
    if (climbing) {
      if (altitude > peak) peak = altitude;
      else if (altitude < peak - hysteresis) {
        gain += peak - valley;
        climbing = false;
        valley = altitude;
      }
    } else if (altitude < valley) {
      valley = altitude;
    } else if (altitude > valley + hysteresis) {
      climbing = true;
      peak = altitude;
    }
  }
  if (climbing && valley !== null) gain += peak - valley;
  return gain;
}
