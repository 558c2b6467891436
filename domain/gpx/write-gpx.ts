/**
 * Writes a recorded run as a GPX 1.1 document: one track, one segment per list of points, every point with
 * its time and (when known) elevation. Pure: takes data, returns text. parse-gpx.ts reads it back.
 */
export interface GpxWritePoint {
  lat: number;
  lng: number;
  /** Epoch milliseconds. */
  ts: number;
  altitude: number | null;
}

export interface GpxTrack {
  name: string;
  /** Epoch milliseconds of the run's start, for the metadata. */
  startedAt: number;
  segments: readonly (readonly GpxWritePoint[])[];
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/[&<>"']/g, (char) => XML_ESCAPES[char]!);
}

/** Coordinates to 7 decimals (about 1 cm), without exponent notation. */
const coordinate = (value: number) => value.toFixed(7);

export function writeGpx(track: GpxTrack): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="RunCoach" xmlns="http://www.topografix.com/GPX/1/1" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">',
    `  <metadata><name>${escapeXml(track.name)}</name><time>${new Date(track.startedAt).toISOString()}</time></metadata>`,
    "  <trk>",
    `    <name>${escapeXml(track.name)}</name>`,
    "    <type>running</type>",
  ];
  for (const segment of track.segments) {
    lines.push("    <trkseg>");
    for (const point of segment) {
      const ele =
        point.altitude !== null && Number.isFinite(point.altitude) ? `<ele>${point.altitude.toFixed(1)}</ele>` : "";
      lines.push(
        `      <trkpt lat="${coordinate(point.lat)}" lon="${coordinate(point.lng)}">${ele}` +
          `<time>${new Date(point.ts).toISOString()}</time></trkpt>`,
      );
    }
    lines.push("    </trkseg>");
  }
  lines.push("  </trk>", "</gpx>", "");
  return lines.join("\n");
}

/** A file name safe in a Content-Disposition header: `run-2026-11-22-0715.gpx` (UTC). */
export function gpxFileName(startedAt: number): string {
  const iso = new Date(startedAt).toISOString();
  return `run-${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}.gpx`;
}
