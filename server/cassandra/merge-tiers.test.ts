import { describe, expect, it } from "vitest";
import type { TrackPoint } from "@/domain/geo/track-point";
import { mergeTiers } from "./merge-tiers";

const point = (id: string, ts: number, lat = 37.5): TrackPoint => ({
  id: `00000000-0000-4000-8000-${id.padStart(12, "0")}`,
  ts,
  lat,
  lng: 127,
  altitude: null,
  accuracy: null,
  speed: null,
});

describe("mergeTiers", () => {
  it("returns the hot rows untouched when nothing is cold", () => {
    const hot = [point("1", 1_000), point("2", 2_000)];
    expect(mergeTiers([], hot)).toEqual(hot);
    expect(mergeTiers([[]], hot)).toEqual(hot);
  });

  it("keeps one copy per point id in the hot rows too, the earlier-timed (the table's order)", () => {
    const hot = [point("1", 1_000, 1), point("2", 2_000, 1), point("1", 3_000, 2), point("3", 3_500, 1)];
    expect(mergeTiers([], hot).map((p) => [p.id.slice(-1), p.ts])).toEqual([
      ["1", 1_000],
      ["2", 2_000],
      ["3", 3_500],
    ]);
  });

  it("unites the tiers in time order, each point id once, the oldest cold copy winning", () => {
    const older = [point("1", 1_000, 1), point("2", 2_000, 1)];
    const newer = [point("1", 1_000, 2), point("2", 2_000, 2), point("3", 3_000, 2)];
    const hot = [point("2", 2_000, 3), point("4", 1_500, 3)];
    const merged = mergeTiers([older, newer], hot);
    expect(merged.map((p) => [p.id.slice(-1), p.lat])).toEqual([
      ["1", 1],
      ["4", 3],
      ["2", 1],
      ["3", 2],
    ]);
  });
});
