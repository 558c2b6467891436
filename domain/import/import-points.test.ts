import { describe, expect, it } from "vitest";
import { importPointId, pointBatches } from "./import-points";

const RUN = "3f1c2a9e-7b4d-5e6f-8a1b-2c3d4e5f6a7b";

describe("import point ids", () => {
  it("are stable, distinct per index and valid UUIDs", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => importPointId(RUN, i));
    expect(new Set(ids).size).toBe(2000);
    expect(importPointId(RUN, 7)).toBe(importPointId(RUN, 7));
    expect(importPointId(RUN, 255)).toBe("3f1c2a9e-7b4d-5e6f-8a1b-0000000000ff");
    expect(() => importPointId("not-a-uuid", 1)).toThrow(RangeError);
  });

  it("number points across batches by their place in the whole track", () => {
    const points = Array.from({ length: 1201 }, (_, i) => ({ ts: i * 1000, lat: 37, lng: 127, altitude: null }));
    const batches = [...pointBatches(RUN, points, 500)];
    expect(batches.map((b) => b.length)).toEqual([500, 500, 201]);
    expect(batches[2]![0]!.id).toBe(importPointId(RUN, 1000));
  });
});
