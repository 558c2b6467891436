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

export interface TcxTrack {
  points: GpxPoint[];
  /** Trackpoints set aside for having no valid position. */
  skippedNoPosition: number;
}

/** Every trackpoint with a position, in document order, and how many had none. */
export function parseTcxTrack(xml: string): TcxTrack {
  const document = parser.parse(xml) as TcxDocument;
  if (!document.TrainingCenterDatabase) throw new GpxParseError("Not a TCX document: no <TrainingCenterDatabase>");
  const trackpoints = (document.TrainingCenterDatabase.Activities?.Activity ?? []).flatMap((activity) =>
    (activity.Lap ?? []).flatMap((lap) => (lap.Track ?? []).flatMap((track) => track.Trackpoint ?? [])),
  );
  let skippedNoPosition = 0;
  const points = trackpoints.flatMap((raw): GpxPoint[] => {
    const lat = Number(raw.Position?.LatitudeDegrees);
    const lng = Number(raw.Position?.LongitudeDegrees);
    if (!raw.Position || !Number.isFinite(lat) || !Number.isFinite(lng)) {
      skippedNoPosition++;
      return [];
    }
    const ts = raw.Time ? Date.parse(raw.Time.trim()) : NaN;
    const altitude = raw.AltitudeMeters !== undefined ? Number(raw.AltitudeMeters) : NaN;
    return [{ lat, lng, ts: Number.isFinite(ts) ? ts : null, altitude: Number.isFinite(altitude) ? altitude : null }];
  });
  return { points, skippedNoPosition };
}

export function parseTcxPoints(xml: string): GpxPoint[] {
  return parseTcxTrack(xml).points;
}
