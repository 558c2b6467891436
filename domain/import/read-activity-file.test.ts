import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseGpxPoints } from "../gpx/parse-gpx";
import { parseTcxPoints } from "../gpx/parse-tcx";
import { readFixture, GPX_FIXTURES_DIR } from "@/test-support/fixtures";
import { MAX_IMPORT_FILE_BYTES } from "./import-limits";
import { ImportFileError, readActivityFile, type ImportFileProblem } from "./read-activity-file";
import { summariseImport } from "./import-summary";

const MESSY = path.resolve(process.cwd(), "test-support", "import-fixtures");
const NOW = Date.UTC(2026, 0, 1);
const messy = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(path.join(MESSY, name))) });
const shared = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(path.join(GPX_FIXTURES_DIR, name))) });

function refusal(file: { name: string; bytes: Uint8Array }): ImportFileProblem {
  try {
    readActivityFile(file, NOW);
  } catch (error) {
    if (error instanceof ImportFileError) return error.problem;
    throw error;
  }
  throw new Error(`${file.name} was accepted`);
}

describe("readActivityFile on the shared real tracks", () => {
  it.each([
    "wt-garmin-connect-run-3k.gpx",
    "gpxgo-mytracks-android-4.4k.gpx",
    "togeojson-strava-run-1hz-gap.gpx",
    "georust-garmin-casual-stroll-12.8k.gpx",
    "gpxgo-etrex10-tiny-64s.gpx",
  ])("%s keeps every timed point, in time order", (name) => {
    const track = readActivityFile(shared(name), NOW);
    const timed = parseGpxPoints(readFixture(name)).filter((p) => p.ts !== null);
    expect(track.format).toBe("gpx");
    expect(track.points).toHaveLength(timed.length);
    expect(track.points.every((p, i) => i === 0 || p.ts >= track.points[i - 1]!.ts)).toBe(true);
    expect(track.startedAt).toBe(Math.min(...timed.map((p) => p.ts!)));
  });

  it("reads the TCX by its content", () => {
    const track = readActivityFile(shared("tcxparser-forerunner410-run-4.7k.tcx"), NOW);
    expect(track.format).toBe("tcx");
    expect(track.points).toHaveLength(parseTcxPoints(readFixture("tcxparser-forerunner410-run-4.7k.tcx")).length);
  });
});

describe("readActivityFile on messy files", () => {
  it("skips and counts points without a position instead of refusing the file", () => {
    const track = readActivityFile(messy("no-position-points.gpx"), NOW);
    expect(track.skipped.noPosition).toBe(18);
    expect(track.points).toHaveLength(206 - 18);
  });

  it("skips and counts points without a time", () => {
    const track = readActivityFile(messy("no-time-points.gpx"), NOW);
    expect(track.skipped.noTime).toBe(Math.ceil((206 - 5) / 25));
    expect(track.points).toHaveLength(206 - track.skipped.noTime);
  });

  it("joins every track and segment of a CRLF, BOM, UTF-8-named file with extensions", () => {
    const track = readActivityFile(messy("multi-track-crlf-utf8.gpx"), NOW);
    expect(track.segments).toBe(3);
    expect(track.points).toHaveLength(413);
    expect(track.points[0]!.altitude).not.toBeNull();
  });

  it("reads a TCX with CRLF and heart-rate-only trackpoints", () => {
    const track = readActivityFile(messy("two-laps-crlf.tcx"), NOW);
    expect(track.format).toBe("tcx");
    expect(track.skipped.noPosition).toBe(6);
    expect(track.points).toHaveLength(206 - 6);
  });

  it("reads a FIT file through the Garmin SDK, to the centimetre of the source track", () => {
    const track = readActivityFile(messy("mytracks-run.fit"), NOW);
    const source = parseGpxPoints(readFixture("gpxgo-mytracks-android-4.4k.gpx"));
    expect(track.format).toBe("fit");
    expect(track.skipped.noPosition).toBe(5);
    expect(track.points).toHaveLength(413 - 5);
    const last = track.points.at(-1)!;
    expect(last.lat).toBeCloseTo(source.at(-1)!.lat, 6);
    expect(last.lng).toBeCloseTo(source.at(-1)!.lng, 6);
    expect(last.ts).toBe(source.at(-1)!.ts);
  });

  it("gives the same distance for one run whether it comes as GPX or FIT (the duplicate rule's premise)", () => {
    const fromGpx = summariseImport(readActivityFile(shared("gpxgo-mytracks-android-4.4k.gpx"), NOW));
    const fromFit = summariseImport(readActivityFile(messy("mytracks-run.fit"), NOW));
    expect(fromGpx.distanceMeters).toBeGreaterThan(4000);
    expect(Math.abs(fromGpx.distanceMeters - fromFit.distanceMeters) / fromGpx.distanceMeters).toBeLessThan(0.05);
  });

  it.each<[string, ImportFileProblem]>([
    ["truncated.gpx", "unreadable"],
    ["waypoints-only.gpx", "no-points"],
    ["not-a-track.gpx", "unreadable"],
    ["corrupt.fit", "unreadable"],
    ["notes.txt", "unknown-format"],
  ])("refuses %s as %s", (name, problem) => {
    expect(refusal(messy(name))).toBe(problem);
  });

  it("says a file cut short is cut short, and where other broken XML breaks", () => {
    expect(() => readActivityFile(messy("truncated.gpx"), NOW)).toThrow(/cut short/);
    const broken = { name: "b.gpx", bytes: new TextEncoder().encode(gpxOf([NOW - 1000]).replace("</trkseg>", "</trk>")) };
    expect(() => readActivityFile(broken, NOW)).toThrow(/broken XML at line 1: Expected closing tag 'trkseg'/);
  });

  it("refuses a file over the size bound before reading it", () => {
    expect(refusal({ name: "huge.gpx", bytes: new Uint8Array(MAX_IMPORT_FILE_BYTES + 1) })).toBe("too-big");
  });

  it("refuses a track dated in the future and one spanning more than 48 hours", () => {
    const future = { name: "f.gpx", bytes: new TextEncoder().encode(gpxOf([NOW + 3600_000, NOW + 3601_000])) };
    expect(refusal(future)).toBe("in-future");
    const long = { name: "l.gpx", bytes: new TextEncoder().encode(gpxOf([NOW - 50 * 3600_000, NOW - 1000])) };
    expect(refusal(long)).toBe("too-long");
  });

  it("reads a 10-hour 1 Hz file (36,000 points) in bounded time", () => {
    const start = NOW - 11 * 3600_000;
    const times = Array.from({ length: 36_000 }, (_, i) => start + i * 1000);
    const bytes = new TextEncoder().encode(gpxOf(times));
    const began = performance.now();
    const track = readActivityFile({ name: "ultra.gpx", bytes }, NOW);
    expect(track.points).toHaveLength(36_000);
    expect(performance.now() - began).toBeLessThan(10_000);
  });
});

function gpxOf(times: number[]): string {
  const points = times.map((ts, i) => `<trkpt lat="${37.5 + i * 1e-5}" lon="127"><time>${new Date(ts).toISOString()}</time></trkpt>`);
  return `<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>${points.join("")}</trkseg></trk></gpx>`;
}
