import { describe, expect, it } from "vitest";
import { pathDistance } from "./distance";
import { bridgesOnRoute, trimRouteEnds, type Bridge, type Route, type RoutePoint } from "./trim-route";
import { meters } from "./units";

/** About 111.2 m per 0.001° of latitude on the mean sphere. */
const METERS_PER_MILLIDEGREE = 111.19508;

/** A straight line north from (37.5, 127) with a point every `step` millidegrees. */
function northLine(fromMilli: number, toMilli: number, step = 1): RoutePoint[] {
  const line: RoutePoint[] = [];
  for (let m = fromMilli; m <= toMilli + 1e-9; m += step) line.push([37.5 + m / 1000, 127]);
  return line;
}

const lengthOf = (line: RoutePoint[]) => pathDistance(line.map(([lat, lng]) => ({ lat, lng })));

describe("trimRouteEnds", () => {
  it("cuts 200 m off each end of one line, inside the segment where the mark falls", () => {
    const route: Route = [northLine(0, 10)]; // about 1112 m, points every 111 m
    const [line, ...rest] = trimRouteEnds(route);
    expect(rest).toHaveLength(0);
    expect(line).toBeDefined();
    const total = lengthOf(route[0]!);
    expect(lengthOf(line!)).toBeCloseTo(total - 400, 3);
    // The first point is 200 m north of the start: between the 2nd and 3rd original points.
    expect((line![0]![0] - 37.5) * 1000 * METERS_PER_MILLIDEGREE).toBeCloseTo(200, 1);
    expect((37.51 - line!.at(-1)![0]) * 1000 * METERS_PER_MILLIDEGREE).toBeCloseTo(200, 1);
    // Interior points are kept as they were.
    expect(line![1]).toEqual(route[0]![2]);
  });

  it("drops whole polylines shorter than what is left to trim, and cuts in the next one", () => {
    const first = northLine(0, 1); // 111 m
    const middle = northLine(3, 10); // 778 m
    const last = northLine(12, 13); // 111 m
    const trimmed = trimRouteEnds([first, middle, last]);
    expect(trimmed).toHaveLength(1);
    const kept = trimmed[0]!;
    expect(lengthOf(kept)).toBeCloseTo(lengthOf(middle) - 2 * (200 - lengthOf(first)), 3);
  });

  it("keeps the polylines in between untouched", () => {
    const first = northLine(0, 3);
    const middle = northLine(5, 7);
    const last = northLine(9, 12);
    const trimmed = trimRouteEnds([first, middle, last]);
    expect(trimmed).toHaveLength(3);
    expect(trimmed[1]).toEqual(middle);
  });

  it("returns nothing for a route no longer than twice the distance", () => {
    expect(trimRouteEnds([northLine(0, 3)])).toEqual([]); // 334 m < 400 m
    expect(trimRouteEnds([northLine(0, 1), northLine(2, 3)])).toEqual([]);
    expect(trimRouteEnds([])).toEqual([]);
  });

  it("takes another distance, and a mark that falls exactly on a point", () => {
    const route: Route = [northLine(0, 10)];
    const oneSegment = lengthOf(northLine(0, 1));
    const [line] = trimRouteEnds(route, meters(oneSegment));
    expect(line![0]![0]).toBeCloseTo(route[0]![1]![0], 9);
    expect(line!.at(-1)![0]).toBeCloseTo(route[0]![9]![0], 9);
    expect(trimRouteEnds(route, meters(0))).toEqual(route);
  });

  it("does not change its input", () => {
    const route: Route = [northLine(0, 10)];
    const copy = structuredClone(route);
    trimRouteEnds(route);
    expect(route).toEqual(copy);
  });
});

describe("bridgesOnRoute", () => {
  it("keeps a bridge between untouched lines and drops one reaching into a trimmed end", () => {
    const north = (from: number, to: number): RoutePoint[] => Array.from({ length: to - from + 1 }, (_, i) => [37.5 + ((from + i) * 10) / 111_195, 127] as RoutePoint);
    // Three lines of 100 m, 300 m and 100 m joined by two 50 m holes: trimming 200 m eats the first and last.
    const route = [north(0, 10), north(15, 45), north(50, 60)];
    const bridges: Bridge[] = [
      [route[0]!.at(-1)!, route[1]![0]!],
      [route[1]!.at(-1)!, route[2]![0]!],
    ];
    expect(bridgesOnRoute(bridges, route)).toEqual(bridges);
    expect(bridgesOnRoute(bridges, trimRouteEnds(route))).toEqual([]);
    const long = [north(0, 30), north(35, 65), north(70, 100)];
    const inner: Bridge[] = [[long[0]!.at(-1)!, long[1]![0]!]];
    expect(bridgesOnRoute(inner, trimRouteEnds(long))).toEqual(inner);
  });
});
