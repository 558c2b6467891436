import { describe, expect, it } from "vitest";
import { routeLayers } from "./route-layers";
import type { LatLngPair } from "./route-projection";

describe("routeLayers", () => {
  it("draws each recorded segment as its own line, so a gap stays a break, with start and finish at the ends", () => {
    const route: LatLngPair[][] = [
      [[37.5, 126.9], [37.501, 126.901]],
      [],
      [[37.503, 126.899], [37.504, 126.902]],
    ];
    const layers = routeLayers(route)!;
    expect(layers.lines.map((line) => line.points)).toEqual([route[0], route[2]]);
    expect(layers.lines.every((line) => line.kind === "recorded")).toBe(true);
    expect(layers.start).toEqual([37.5, 126.9]);
    expect(layers.finish).toEqual([37.504, 126.902]);
  });

  it("fits the map to every drawn point, and only those (a friend's trimmed route is all it is given)", () => {
    const layers = routeLayers([[[37.52, 126.93], [37.53, 126.94]], [[37.51, 126.95]]])!;
    expect(layers.bounds).toEqual([[37.51, 126.93], [37.53, 126.95]]);
  });

  it("draws a bridge across a hole as its own dashed line, under the recorded ones, and fits the map to the route", () => {
    const route: LatLngPair[][] = [[[37.5, 126.9], [37.501, 126.901]], [[37.503, 126.899], [37.504, 126.902]]];
    const layers = routeLayers(route, [[[37.501, 126.901], [37.503, 126.899]]])!;
    expect(layers.lines.map((line) => line.kind)).toEqual(["bridge", "recorded", "recorded"]);
    expect(layers.lines[0]!.points).toEqual([[37.501, 126.901], [37.503, 126.899]]);
    expect(layers.start).toEqual([37.5, 126.9]);
    expect(layers.finish).toEqual([37.504, 126.902]);
  });

  it("draws nothing for a route with no points", () => {
    expect(routeLayers([[], []])).toBeNull();
    expect(routeLayers([])).toBeNull();
  });
});
