import { describe, expect, it } from "vitest";
import { parseGpxSegments } from "./parse-gpx";

const doc = (body: string) => `<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk>${body}</trk></gpx>`;

describe("parseGpxSegments", () => {
  it("skips and counts track points without lat/lon rather than refusing the file", () => {
    const segments = parseGpxSegments(
      doc(`<trkseg>
        <trkpt><ele>12</ele><time>2024-05-01T06:00:00Z</time></trkpt>
        <trkpt lat="37.5" lon="127.0"><time>2024-05-01T06:00:01Z</time></trkpt>
        <trkpt lat="" lon=""><time>2024-05-01T06:00:02Z</time></trkpt>
        <trkpt lat="37.50001" lon="127.0"><time>2024-05-01T06:00:03Z</time></trkpt>
      </trkseg><trkseg><trkpt lat="nope" lon="127"/></trkseg>`),
    );
    expect(segments.map((s) => s.points.length)).toEqual([2, 0]);
    expect(segments.map((s) => s.skippedNoPosition)).toEqual([2, 1]);
    expect(segments[0]!.points[1]).toEqual({ lat: 37.50001, lng: 127, ts: Date.UTC(2024, 4, 1, 6, 0, 3), altitude: null });
  });
});
