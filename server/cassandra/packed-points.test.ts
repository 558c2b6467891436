import { randomUUID } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TrackPoint } from "@/domain/geo/track-point";
import { compareTrackPoints } from "@/domain/geo/track-point";
import { loadTrack } from "@/test-support/tracks";
import { PackedPointsError, packPoints, quantizePoint, unpackPoints } from "./packed-points";

const optional = (arb: fc.Arbitrary<number>) => fc.option(arb, { nil: null });

const pointArb: fc.Arbitrary<TrackPoint> = fc.record({
  id: fc.uuid(),
  // epoch ms from 1970 to 2100: beyond 32 bits, as real times are
  ts: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lng: fc.double({ min: -180, max: 180, noNaN: true }),
  altitude: optional(fc.double({ min: -500, max: 9_000, noNaN: true })),
  accuracy: optional(fc.double({ min: 0, max: 10_000, noNaN: true })),
  speed: optional(fc.double({ min: 0, max: 100, noNaN: true })),
});

const trackArb = fc.array(pointArb, { maxLength: 300 }).map((points) => [...points].sort(compareTrackPoints));

describe("packed points, format 1", () => {
  it("reads back every point as quantizePoint gives it, in order, for any track", () => {
    fc.assert(
      fc.property(trackArb, (points) => {
        expect(unpackPoints(packPoints(points))).toEqual(points.map(quantizePoint));
      }),
      { numRuns: 300 },
    );
  });

  it("moves no coordinate by more than half its resolution", () => {
    fc.assert(
      fc.property(pointArb, (point) => {
        const [back] = unpackPoints(packPoints([point]));
        expect(Math.abs(back!.lat - point.lat)).toBeLessThanOrEqual(0.5e-7 + 1e-12);
        expect(Math.abs(back!.lng - point.lng)).toBeLessThanOrEqual(0.5e-7 + 1e-12);
        if (point.altitude !== null) expect(Math.abs(back!.altitude! - point.altitude)).toBeLessThanOrEqual(0.0005 + 1e-9);
      }),
    );
  });

  it("packs a real 1 Hz track in under 25 bytes a point, its random ids (16 bytes each) included", () => {
    const points = loadTrack("togeojson-strava-run-1hz-gap.gpx").map((point) => ({ ...point, id: randomUUID(), accuracy: 4.5, speed: 2.9 }));
    const blob = packPoints(points);
    expect(unpackPoints(blob)).toEqual(points.map(quantizePoint));
    expect(blob.length / points.length).toBeLessThan(25);
  });

  it("keeps an empty run and missing values", () => {
    expect(unpackPoints(packPoints([]))).toEqual([]);
    const bare: TrackPoint = { id: randomUUID(), ts: 1_700_000_000_000, lat: 37.5, lng: 127, altitude: null, accuracy: null, speed: null };
    expect(unpackPoints(packPoints([bare]))).toEqual([bare]);
  });

  it("refuses what it cannot keep exactly: points out of time order, ids that are not UUIDs, negative times", () => {
    const a: TrackPoint = { id: randomUUID(), ts: 2_000, lat: 1, lng: 2, altitude: null, accuracy: null, speed: null };
    expect(() => packPoints([a, { ...a, id: randomUUID(), ts: 1_000 }])).toThrow(PackedPointsError);
    expect(() => packPoints([{ ...a, id: "point-1" }])).toThrow(/not a UUID/);
    expect(() => packPoints([{ ...a, ts: -1 }])).toThrow(/bad time/);
  });

  it("refuses a blob that is damaged, cut short or of an unknown format", () => {
    const points = loadTrack("gpxgo-etrex10-tiny-64s.gpx");
    const blob = packPoints(points);
    expect(() => unpackPoints(blob.subarray(0, blob.length - 8))).toThrow(PackedPointsError);
    expect(() => unpackPoints(Buffer.from("not deflate at all"))).toThrow(PackedPointsError);
    // a blob whose first (inflated) byte says format 2
    const raw = inflateRawSync(blob);
    raw[0] = 2;
    expect(() => unpackPoints(deflateRawSync(raw))).toThrow(/format 2 is not known/);
  });
});
