import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { placeholderTile } from "./placeholder-tile";

describe("placeholderTile", () => {
  it("is a 256-pixel RGB PNG whose pixels are all there", () => {
    const png = placeholderTile(3, 5);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 256]);
    const idatAt = png.indexOf("IDAT");
    const pixels = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
    expect(pixels.length).toBe(256 * (1 + 256 * 3));
  });

  it("alternates its shade so neighbouring tiles can be told apart", () => {
    expect(placeholderTile(0, 0).equals(placeholderTile(1, 0))).toBe(false);
    expect(placeholderTile(0, 0).equals(placeholderTile(1, 1))).toBe(true);
  });
});
