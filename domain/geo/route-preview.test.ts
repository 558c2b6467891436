import { describe, expect, it } from "vitest";
import { loadTrack } from "@/test-support/tracks";
import { PREVIEW_DECIMALS, PREVIEW_MAX_POINTS, routePreview } from "./route-preview";
import type { RoutePoint } from "./simplify-route";

const trackRoute = (name: string): RoutePoint[] => loadTrack(name).map((point) => [point.lat, point.lng]);
const count = (route: RoutePoint[][]) => route.reduce((sum, line) => sum + line.length, 0);
const decimals = (value: number) => (String(value).split(".")[1] ?? "").length;

describe("routePreview", () => {
  it("fits a real hour-long track into the point budget, keeping its ends", () => {
    const line = trackRoute("georust-garmin-casual-stroll-12.8k.gpx");
    expect(line.length).toBeGreaterThan(PREVIEW_MAX_POINTS * 10);
    const preview = routePreview([line]);
    expect(preview).toHaveLength(1);
    const kept = preview[0]!;
    expect(kept.length).toBeLessThanOrEqual(PREVIEW_MAX_POINTS);
    // Enough shape left to draw: a straight start-to-finish line would be 2 points.
    expect(kept.length).toBeGreaterThan(PREVIEW_MAX_POINTS / 2);
    expect(kept[0]![0]).toBeCloseTo(line[0]![0], PREVIEW_DECIMALS - 1);
    expect(kept.at(-1)![1]).toBeCloseTo(line.at(-1)![1], PREVIEW_DECIMALS - 1);
  });

  it("rounds every coordinate to a metre or so", () => {
    const preview = routePreview([trackRoute("wt-garmin-connect-run-3k.gpx")]);
    for (const [lat, lng] of preview.flat()) {
      expect(decimals(lat)).toBeLessThanOrEqual(PREVIEW_DECIMALS);
      expect(decimals(lng)).toBeLessThanOrEqual(PREVIEW_DECIMALS);
    }
  });

  it("keeps gaps as gaps and the whole under the budget", () => {
    const line = trackRoute("tcxparser-forerunner410-run-4.7k.tcx");
    const third = Math.floor(line.length / 3);
    const route = [line.slice(0, third), line.slice(third + 5, 2 * third), line.slice(2 * third + 5)];
    const preview = routePreview(route);
    expect(preview).toHaveLength(3);
    expect(count(preview)).toBeLessThanOrEqual(PREVIEW_MAX_POINTS);
  });

  it("keeps a short route whole and drops lines that are one point", () => {
    const route: RoutePoint[][] = [
      [
        [37.5, 127.0],
        [37.501, 127.001],
        [37.502, 127.0],
      ],
      [[37.6, 127.1]],
      // Rounding makes these two one point.
      [
        [37.7000001, 127.2],
        [37.7000002, 127.2],
      ],
    ];
    expect(routePreview(route)).toEqual([route[0]]);
  });

  it("keeps the longest lines when there are more gaps than the budget has room for", () => {
    const lines: RoutePoint[][] = Array.from({ length: 30 }, (_, i) => [
      [37 + i * 0.01, 127],
      [37 + i * 0.01, 127 + (i === 7 ? 0.05 : 0.001)],
    ]);
    const preview = routePreview(lines, 10);
    expect(preview).toHaveLength(5);
    expect(count(preview)).toBeLessThanOrEqual(10);
    expect(preview.some((line) => line[1]![1] === 127.05)).toBe(true);
  });

  it("gives nothing for no route", () => {
    expect(routePreview([])).toEqual([]);
  });
});
