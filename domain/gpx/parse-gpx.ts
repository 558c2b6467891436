/**
 * Reads the track points of a GPX 1.0/1.1 document (all tracks and segments, in document order).
 * Waypoints and routes are not a recording and are ignored. A track point without a valid position (a watch
 * logging only time and elevation while it has no fix) is skipped and counted, not a reason to refuse the
 * whole file. Pure: takes text, returns data.
 */
import { XMLParser } from "fast-xml-parser";

export interface GpxPoint {
  lat: number;
  lng: number;
  /** Epoch milliseconds, or null when the point has no <time>. */
  ts: number | null;
  altitude: number | null;
}

export interface GpxSegment {
  points: GpxPoint[];
  /** Track points of this segment set aside for having no valid lat/lon. */
  skippedNoPosition: number;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  isArray: (name) => name === "trk" || name === "trkseg" || name === "trkpt",
  parseTagValue: false,
});

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

interface RawPoint {
  "@lat"?: string;
  "@lon"?: string;
  ele?: string;
  time?: string;
}

export class GpxParseError extends Error {
  readonly code = "GPX_PARSE" as const;
}

/** Every track segment of the document, each with its points in document order. */
export function parseGpxSegments(xml: string): GpxSegment[] {
  const document = parser.parse(xml) as { gpx?: { trk?: { trkseg?: { trkpt?: RawPoint[] }[] }[] } };
  if (!document.gpx) throw new GpxParseError("Not a GPX document: no <gpx> root element");
  return asArray(document.gpx.trk).flatMap((track) =>
    asArray(track.trkseg).map((segment) => {
      let skippedNoPosition = 0;
      const points = asArray(segment.trkpt).flatMap((raw): GpxPoint[] => {
        const lat = Number(raw["@lat"]);
        const lng = Number(raw["@lon"]);
        // Number(undefined) is NaN but Number("") is 0: an empty attribute is no position either.
        if (!raw["@lat"]?.trim() || !raw["@lon"]?.trim() || !Number.isFinite(lat) || !Number.isFinite(lng)) {
          skippedNoPosition++;
          return [];
        }
        const ts = raw.time ? Date.parse(raw.time.trim()) : NaN;
        const altitude = raw.ele !== undefined && raw.ele.trim() !== "" ? Number(raw.ele) : NaN;
        return [{ lat, lng, ts: Number.isFinite(ts) ? ts : null, altitude: Number.isFinite(altitude) ? altitude : null }];
      });
      return { points, skippedNoPosition };
    }),
  );
}

/** All track points of the document as one list. */
export function parseGpxPoints(xml: string): GpxPoint[] {
  return parseGpxSegments(xml).flatMap((segment) => segment.points);
}
