/** The shared real tracks as TrackPoints (ids in file order, no accuracy: the files carry none). */
import type { TrackPoint } from "@/domain/geo/track-point";
import { parseGpxPoints } from "@/domain/gpx/parse-gpx";
import { parseTcxPoints } from "@/domain/gpx/parse-tcx";
import { readFixture } from "./fixtures";

export function loadTrack(name: string): TrackPoint[] {
  const text = readFixture(name);
  const parsed = name.endsWith(".tcx") ? parseTcxPoints(text) : parseGpxPoints(text);
  return parsed.map((point, index) => {
    if (point.ts === null) throw new Error(`${name}: point ${index} has no time`);
    return {
      id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
      ts: point.ts,
      lat: point.lat,
      lng: point.lng,
      altitude: point.altitude,
      accuracy: null,
      speed: null,
    };
  });
}
