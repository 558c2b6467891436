/**
 * A 256-pixel placeholder map tile as a PNG, made here rather than stored: a pale ground, a darker one on
 * alternate tiles and a grid line on two edges, so a screenshot shows where tiles meet and whether they are
 * placed right. Built once per shade (a few hundred bytes each).
 */
import { deflateSync } from "node:zlib";

const SIZE = 256;
const GROUND: Record<"light" | "dark", readonly [number, number, number]> = { light: [242, 239, 233], dark: [232, 228, 220] };
const GRID = [205, 200, 190] as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const out = Buffer.alloc(typed.length + 8);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), typed.length + 4);
  return out;
}

function render(shade: "light" | "dark"): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 3));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (1 + SIZE * 3); // filter byte 0 (none) first
    for (let x = 0; x < SIZE; x++) rows.set(x === 0 || y === 0 ? GRID : GROUND[shade], row + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", new Uint8Array())]);
}

const tiles = new Map<"light" | "dark", Buffer>();

export function placeholderTile(x: number, y: number): Buffer {
  const shade = (x + y) % 2 === 0 ? "light" : "dark";
  let tile = tiles.get(shade);
  if (!tile) tiles.set(shade, (tile = render(shade)));
  return tile;
}
