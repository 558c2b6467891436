/**
 * A 40 km run as a 1 Hz GPX file, made from the shared Strava track (1 Hz, with its gap): run out and back along
 * it until 40 km are covered, times continuing, heart-rate extensions on every point as Garmin writes them. The
 * start is shifted by `shiftDays` so each repetition is a different file (and a different imported run).
 */
import { pathDistance } from "@/domain/geo/distance";
import { parseGpxPoints, type GpxPoint } from "@/domain/gpx/parse-gpx";
import { readFixture } from "@/test-support/fixtures";

const TARGET_METERS = 40_000;

export function fortyKmGpx(shiftDays: number): { xml: string; points: number } {
  const source = parseGpxPoints(readFixture("togeojson-strava-run-1hz-gap.gpx")).filter(
    (p): p is GpxPoint & { ts: number } => p.ts !== null,
  );
  const lap = pathDistance(source);
  const laps = Math.ceil(TARGET_METERS / lap);
  const out: (GpxPoint & { ts: number })[] = [];
  let ts = Date.UTC(2025, 3, 6, 6) + shiftDays * 86_400_000;
  for (let i = 0; i < laps; i++) {
    const leg = i % 2 === 0 ? source : [...source].reverse();
    leg.forEach((point, j) => {
      if (j > 0) ts += Math.max(1000, Math.abs(point.ts - leg[j - 1]!.ts));
      out.push({ ...point, ts });
    });
  }
  const body = out
    .map(
      (p, i) =>
        `<trkpt lat="${p.lat}" lon="${p.lng}"><ele>${p.altitude ?? 0}</ele><time>${new Date(p.ts).toISOString()}</time>` +
        `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${140 + (i % 20)}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`,
    )
    .join("\n");
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="bench" xmlns="http://www.topografix.com/GPX/1/1" ` +
    `xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><name>40 km</name><trkseg>\n${body}\n</trkseg></trk></gpx>\n`;
  return { xml, points: out.length };
}
