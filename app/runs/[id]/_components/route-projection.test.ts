import { describe, expect, it } from "vitest";
import { projectRoute, type LatLngPair } from "./route-projection";

const box = { width: 320, height: 240, pad: 14 };

describe("projectRoute", () => {
  it("fits the route in the box, north up, with start and finish at the ends", () => {
    const route: LatLngPair[][] = [[[37.5, 126.9], [37.51, 126.9]]];
    const projected = projectRoute(route, box)!;
    expect(projected.start[1]).toBeCloseTo(240 - 14, 6);
    expect(projected.finish[1]).toBeCloseTo(14, 6);
    expect(projected.start[0]).toBeCloseTo(160, 6);
    expect(projected.sourcePoints).toBe(2);
  });

  it("thins 3,600 points to about one per pixel and keeps every gap and every segment's ends", () => {
    const line = (from: number): LatLngPair[] => Array.from({ length: 1_800 }, (_, i) => [37.5 + (from + i) * 0.000005, 126.9] as LatLngPair);
    const projected = projectRoute([line(0), line(2_000)], box)!;
    expect(projected.sourcePoints).toBe(3_600);
    expect(projected.segments).toHaveLength(2);
    const drawn = projected.segments.flat().length;
    expect(drawn).toBeLessThan(400);
    expect(drawn).toBeGreaterThan(150);
    // The gap stays a gap: the second line starts well north (above) of where the first one ends.
    expect(projected.segments[0]!.at(-1)![1] - projected.segments[1]![0]![1]).toBeGreaterThan(5);
    expect(projected.segments[1]![0]![1]).toBeGreaterThan(projected.segments[1]!.at(-1)![1]);
  });

  it("projects the bridges across holes with the same transform, joining the lines' ends", () => {
    const route: LatLngPair[][] = [[[37.5, 126.9], [37.505, 126.9]], [[37.507, 126.9], [37.51, 126.9]]];
    const projected = projectRoute(route, box, 1, [[[37.505, 126.9], [37.507, 126.9]]])!;
    expect(projected.bridges).toHaveLength(1);
    expect(projected.bridges[0]![0]).toEqual(projected.segments[0]!.at(-1));
    expect(projected.bridges[0]![1]).toEqual(projected.segments[1]![0]);
    expect(projectRoute(route, box)!.bridges).toEqual([]);
  });

  it("draws nothing for an empty route", () => {
    expect(projectRoute([[], []], box)).toBeNull();
  });
});
