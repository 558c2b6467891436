/**
 * One file of an import, from bytes to a track ready to upload: the format found from the content (the name's
 * extension only breaks a tie), the text decoded as UTF-8 (a byte-order mark dropped, Windows line endings are
 * XML whitespace), every track and segment joined in time order, and what real files carry that a run cannot
 * use set aside and counted rather than refusing the file: points without a position (a watch logging only time
 * and elevation), without a time, with coordinates out of range, elevations no place on Earth has. A file is
 * refused only when nothing usable is left or it breaks a bound (import-limits.ts), with a code the page
 * translates and a detail naming the problem. Pure: bytes in, data out (runs in a Web Worker in the browser).
 */
import { XMLValidator } from "fast-xml-parser";
import { parseGpxSegments } from "../gpx/parse-gpx";
import { parseTcxTrack } from "../gpx/parse-tcx";
import type { GpxPoint } from "../gpx/parse-gpx";
import { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_POINTS, MAX_IMPORT_SPAN_MS } from "./import-limits";
import { looksLikeFit, parseFitTrack } from "./parse-fit";

export type ImportFormat = "gpx" | "tcx" | "fit";

/** The times a stored point may have (the server's bounds, server/validation.ts). */
const EARLIEST_TIME = Date.UTC(2000, 0, 1);
/** Elevations the point schema accepts (server/activities/schemas.ts); others are kept as "no elevation". */
const MIN_ALTITUDE = -500;
const MAX_ALTITUDE = 9_000;

export interface ImportedPoint {
  ts: number;
  lat: number;
  lng: number;
  altitude: number | null;
}

export interface ImportedTrack {
  format: ImportFormat;
  /** Usable points, in time order (equal times keep file order). */
  points: ImportedPoint[];
  startedAt: number;
  finishedAt: number;
  /** Tracks × segments the file had (GPX), or 1. */
  segments: number;
  skipped: { noPosition: number; noTime: number; outOfRange: number };
  /** Elevations outside −500…9,000 m, kept as "no elevation". */
  droppedAltitudes: number;
}

export type ImportFileProblem =
  | "too-big"
  | "empty"
  | "unknown-format"
  | "unreadable"
  | "no-points"
  | "too-many-points"
  | "too-long"
  | "in-future";

export class ImportFileError extends Error {
  readonly code = "IMPORT_FILE" as const;
  constructor(
    readonly problem: ImportFileProblem,
    readonly detail: string,
  ) {
    super(`${problem}: ${detail}`);
  }
}

function detectFormat(bytes: Uint8Array, text: () => string, name: string): ImportFormat {
  if (looksLikeFit(bytes)) return "fit";
  const head = text().slice(0, 4096);
  if (/<gpx[\s>]/.test(head) || /<[\w-]+:gpx[\s>]/.test(head)) return "gpx";
  if (/<TrainingCenterDatabase[\s>]/.test(head) || /<[\w-]+:TrainingCenterDatabase[\s>]/.test(head)) return "tcx";
  const extension = name.toLowerCase().split(".").pop();
  if (extension === "gpx" || extension === "tcx" || extension === "fit") {
    throw new ImportFileError("unreadable", `the content is not a ${extension.toUpperCase()} file`);
  }
  throw new ImportFileError("unknown-format", "not a GPX, TCX or FIT file");
}

function decodeText(bytes: Uint8Array): string {
  // `fatal: false`: a stray byte in a name is replaced, it does not refuse a run; the BOM is dropped by default.
  return new TextDecoder("utf-8").decode(bytes);
}

function parseXml(format: "gpx" | "tcx", text: string) {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    // The validator reports elements left open at the end (a download cut short) as a list of tag names at line 1.
    const unclosed = valid.err.code === "InvalidXml" && /^Invalid '\[/.test(valid.err.msg);
    throw new ImportFileError(
      "unreadable",
      unclosed ? "the file ends before its elements are closed: cut short?" : `broken XML at line ${valid.err.line}: ${valid.err.msg}`,
    );
  }
  try {
    if (format === "tcx") {
      const track = parseTcxTrack(text);
      return { points: track.points, skippedNoPosition: track.skippedNoPosition, segments: 1 };
    }
    const segments = parseGpxSegments(text);
    return {
      points: segments.flatMap((segment) => segment.points),
      skippedNoPosition: segments.reduce((sum, segment) => sum + segment.skippedNoPosition, 0),
      segments: segments.length,
    };
  } catch (error) {
    throw new ImportFileError("unreadable", error instanceof Error ? error.message : String(error));
  }
}

function parseTrack(format: ImportFormat, bytes: Uint8Array, text: () => string) {
  if (format !== "fit") return parseXml(format, text());
  try {
    const track = parseFitTrack(bytes);
    return { points: track.points, skippedNoPosition: track.skippedNoPosition, segments: 1 };
  } catch (error) {
    throw new ImportFileError("unreadable", error instanceof Error ? error.message : String(error));
  }
}

/** Reads one file; `now` bounds how late a point may be (a device clock set years ahead). */
export function readActivityFile(file: { name: string; bytes: Uint8Array }, now: number): ImportedTrack {
  const { bytes } = file;
  if (bytes.length > MAX_IMPORT_FILE_BYTES) {
    throw new ImportFileError("too-big", `${(bytes.length / 1024 / 1024).toFixed(1)} MB`);
  }
  if (bytes.length === 0) throw new ImportFileError("empty", "the file is empty");
  let decoded: string | undefined;
  const text = () => (decoded ??= decodeText(bytes));
  const format = detectFormat(bytes, text, file.name);
  const parsed = parseTrack(format, bytes, text);

  const skipped = { noPosition: parsed.skippedNoPosition, noTime: 0, outOfRange: 0 };
  let droppedAltitudes = 0;
  const points: ImportedPoint[] = [];
  parsed.points.forEach((point: GpxPoint) => {
    if (point.ts === null) return void skipped.noTime++;
    if (Math.abs(point.lat) > 90 || Math.abs(point.lng) > 180 || point.ts < EARLIEST_TIME) return void skipped.outOfRange++;
    let altitude = point.altitude;
    if (altitude !== null && (altitude < MIN_ALTITUDE || altitude > MAX_ALTITUDE)) {
      altitude = null;
      droppedAltitudes++;
    }
    points.push({ ts: point.ts, lat: point.lat, lng: point.lng, altitude });
  });
  if (points.length === 0) {
    throw new ImportFileError("no-points", describeNothingUsable(parsed.points.length, skipped));
  }
  if (points.length > MAX_IMPORT_POINTS) {
    throw new ImportFileError("too-many-points", `${points.length} points (at most ${MAX_IMPORT_POINTS})`);
  }
  // Stable: points with equal times keep their order in the file (tracks and segments in document order).
  points.sort((a, b) => a.ts - b.ts);
  const startedAt = points[0]!.ts;
  const finishedAt = points.at(-1)!.ts;
  if (finishedAt - startedAt > MAX_IMPORT_SPAN_MS) {
    throw new ImportFileError("too-long", `${((finishedAt - startedAt) / 3600_000).toFixed(1)} hours from first to last point`);
  }
  if (finishedAt > now + 2 * 60_000) {
    throw new ImportFileError("in-future", `the last point is dated ${new Date(finishedAt).toISOString()}`);
  }
  return { format, points, startedAt, finishedAt, segments: parsed.segments, skipped, droppedAltitudes };
}

function describeNothingUsable(total: number, skipped: ImportedTrack["skipped"]): string {
  if (total === 0 && skipped.noPosition === 0) return "the file has no track points";
  return (
    `no track point has both a position and a time (${skipped.noPosition} without a position, ` +
    `${skipped.noTime} without a time, ${skipped.outOfRange} out of range)`
  );
}
