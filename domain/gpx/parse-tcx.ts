/**
 * Reads the track points of a Garmin TCX document: every lap's track, joined in document order (a
 * multi-lap run is one route). Trackpoints without a position (a watch recording heart rate while it has
 * no fix) are skipped. Pure: takes text, returns data.
 */
import { XMLParser } from "fast-xml-parser";
import { GpxParseError, type GpxPoint } from "./parse-gpx";

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  isArray: (name) => ["Activity", "Lap", "Track", "Trackpoint"].includes(name),
  parseTagValue: false,
});

interface RawTrackpoint {
  Time?: string;
  Position?: { LatitudeDegrees?: string; LongitudeDegrees?: string };
  AltitudeMeters?: string;
}

type TcxDocument = {
  TrainingCenterDatabase?: { Activities?: { Activity?: { Lap?: { Track?: { Trackpoint?: RawTrackpoint[] }[] }[] }[] } };
};

export function parseTcxPoints(xml: string): GpxPoint[] {
  const document = parser.parse(xml) as TcxDocument;
  if (!document.TrainingCenterDatabase) throw new GpxParseError("Not a TCX document: no <TrainingCenterDatabase>");
  const trackpoints = (document.TrainingCenterDatabase.Activities?.Activity ?? []).flatMap((activity) =>
    (activity.Lap ?? []).flatMap((lap) => (lap.Track ?? []).flatMap((track) => track.Trackpoint ?? [])),
  );
  return trackpoints.flatMap((raw) => {
    const lat = Number(raw.Position?.LatitudeDegrees);
    const lng = Number(raw.Position?.LongitudeDegrees);
    if (!raw.Position || !Number.isFinite(lat) || !Number.isFinite(lng)) return [];
    const ts = raw.Time ? Date.parse(raw.Time) : NaN;
    const altitude = raw.AltitudeMeters !== undefined ? Number(raw.AltitudeMeters) : NaN;
    return [{ lat, lng, ts: Number.isFinite(ts) ? ts : null, altitude: Number.isFinite(altitude) ? altitude : null }];
  });
}
