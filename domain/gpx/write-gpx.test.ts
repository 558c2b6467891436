import { describe, expect, it } from "vitest";
import { parseGpxPoints, parseGpxSegments } from "./parse-gpx";
import { escapeXml, gpxFileName, writeGpx } from "./write-gpx";

const start = Date.UTC(2026, 10, 22, 7, 15, 0);
const points = Array.from({ length: 5 }, (_, i) => ({
  lat: 37.52 + i * 0.0001,
  lng: 126.93 - i * 0.0001,
  ts: start + i * 1000 + (i === 3 ? 123 : 0),
  altitude: i === 2 ? null : 15 + i,
}));

describe("writeGpx", () => {
  it("round-trips every point's position, time and elevation through parseGpxPoints", () => {
    const xml = writeGpx({ name: "Week 1 <Session 1> & \"more\"", startedAt: start, segments: [points.slice(0, 2), points.slice(2)] });
    const parsed = parseGpxPoints(xml);
    expect(parsed).toHaveLength(points.length);
    expect(parsed.map((p) => p.ts)).toEqual(points.map((p) => p.ts));
    expect(parsed.map((p) => p.altitude)).toEqual(points.map((p) => p.altitude));
    parsed.forEach((p, i) => {
      expect(p.lat).toBeCloseTo(points[i]!.lat, 7);
      expect(p.lng).toBeCloseTo(points[i]!.lng, 7);
    });
    expect(parseGpxSegments(xml).map((s) => s.points.length)).toEqual([2, 3]);
    expect(xml).toContain("Week 1 &lt;Session 1&gt; &amp; &quot;more&quot;");
  });

  it("escapes markup and drops characters XML cannot carry", () => {
    expect(escapeXml("a<b>&'\"\u0001c")).toBe("a&lt;b&gt;&amp;&apos;&quot;c");
    expect(escapeXml("달리기 🏃")).toBe("달리기 🏃");
  });

  it("names the file after the start time", () => {
    expect(gpxFileName(start)).toBe("run-2026-11-22-0715.gpx");
  });
});
