/**
 * The cold tier's point format: a run's points packed into one compressed blob per chunk (cold-store.ts).
 * Pure apart from zlib; unit-tested in packed-points.test.ts.
 *
 * Format 1, before compression (raw DEFLATE, zlib level 9): `version` (1 byte, = 1), then `n` (unsigned varint),
 * then one column after another, so that compression sees like next to like:
 *   ts        first value, then n−1 deltas from the previous point: unsigned varints of epoch milliseconds
 *             (points are in (ts, id) order, so deltas are never negative)
 *   id        n × 16 bytes: the UUIDs as bytes (random v4 ids: the one column that does not compress)
 *   lat, lng  degrees × 10⁷ rounded (1.1 cm at the equator, finer than FIT's semicircles), each as a zigzag varint
 *             delta from the previous point's
 *   altitude  metres × 10³ (1 mm), accuracy metres × 10² (1 cm), speed m/s × 10³ (1 mm/s): each a presence
 *             bitmap (⌈n/8⌉ bytes, bit i set when point i has the value), then zigzag varint deltas between
 *             consecutive present values
 * Integers are unsigned LEB128 varints; zigzag maps a signed delta d to 2d (d ≥ 0) or −2d−1 (d < 0). Arithmetic,
 * not bitwise, so every value up to 2⁵³ survives (epoch milliseconds do not fit 32 bits).
 *
 * It is exact to those resolutions, not to the last bit of a double: `quantizePoint` gives what a point reads back
 * as, and the archiver compares the decoded blob with the quantized source before the hot copy may go. Phone and
 * watch fixes are metres apart in error; the record computed from them moves by micrometres.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { TrackPoint } from "@/domain/geo/track-point";

export const PACKED_POINTS_FORMAT = 1;

const LAT_LNG_SCALE = 1e7;
const ALTITUDE_SCALE = 1e3;
const ACCURACY_SCALE = 1e2;
const SPEED_SCALE = 1e3;
const UUID_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PackedPointsError extends Error {
  readonly code = "PACKED_POINTS_INVALID" as const;
}

/** `value` to `1/scale`, as the blob gives it back (`+ 0`: a rounded −0.3 is −0, which reads back as 0). */
const rounded = (value: number, scale: number) => Math.round(value * scale) / scale + 0;
const roundedOrNull = (value: number | null, scale: number) => (value === null ? null : rounded(value, scale));

/** The point as the format keeps it: coordinates and measurements rounded to the format's resolutions. */
export function quantizePoint(point: TrackPoint): TrackPoint {
  return {
    id: point.id.toLowerCase(),
    ts: point.ts,
    lat: rounded(point.lat, LAT_LNG_SCALE),
    lng: rounded(point.lng, LAT_LNG_SCALE),
    altitude: roundedOrNull(point.altitude, ALTITUDE_SCALE),
    accuracy: roundedOrNull(point.accuracy, ACCURACY_SCALE),
    speed: roundedOrNull(point.speed, SPEED_SCALE),
  };
}

class ByteWriter {
  private bytes = new Uint8Array(1024);
  length = 0;

  private room(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(value: number): void {
    this.room(1);
    this.bytes[this.length++] = value;
  }

  raw(values: Uint8Array): void {
    this.room(values.length);
    this.bytes.set(values, this.length);
    this.length += values.length;
  }

  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new PackedPointsError(`cannot pack ${value} as a varint`);
    let rest = value;
    while (rest >= 0x80) {
      this.byte((rest % 0x80) + 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.byte(rest);
  }

  signed(value: number): void {
    this.varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  done(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

class ByteReader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.at >= this.bytes.length) throw new PackedPointsError("packed points end early");
    return this.bytes[this.at++]!;
  }

  raw(length: number): Uint8Array {
    if (this.at + length > this.bytes.length) throw new PackedPointsError("packed points end early");
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new PackedPointsError("a varint in the packed points is too long");
    }
    return value;
  }

  signed(): number {
    const zigzag = this.varint();
    return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
  }

  get finished(): boolean {
    return this.at === this.bytes.length;
  }
}

function scaled(value: number, scale: number, what: string): number {
  const n = Math.round(value * scale);
  if (!Number.isSafeInteger(n)) throw new PackedPointsError(`${what} ${value} cannot be packed`);
  return n;
}

function writeDeltas(out: ByteWriter, values: readonly number[]): void {
  let previous = 0;
  for (const value of values) {
    out.signed(value - previous);
    previous = value;
  }
}

function readDeltas(input: ByteReader, count: number, scale: number): number[] {
  const values: number[] = [];
  let previous = 0;
  for (let i = 0; i < count; i++) {
    previous += input.signed();
    values.push(previous / scale + 0);
  }
  return values;
}

type OptionalField = "altitude" | "accuracy" | "speed";

function writeOptional(out: ByteWriter, points: readonly TrackPoint[], field: OptionalField, scale: number): void {
  const bitmap = new Uint8Array(Math.ceil(points.length / 8));
  const present: number[] = [];
  points.forEach((point, i) => {
    const value = point[field];
    if (value === null) return;
    bitmap[i >> 3]! |= 1 << (i & 7);
    present.push(scaled(value, scale, field));
  });
  out.raw(bitmap);
  writeDeltas(out, present);
}

function readOptional(input: ByteReader, count: number, scale: number): (number | null)[] {
  const bitmap = input.raw(Math.ceil(count / 8));
  const has = Array.from({ length: count }, (_, i) => (bitmap[i >> 3]! & (1 << (i & 7))) !== 0);
  const values = readDeltas(input, has.filter(Boolean).length, scale);
  let next = 0;
  return has.map((present) => (present ? values[next++]! : null));
}

function uuidBytes(id: string): Uint8Array {
  if (!UUID.test(id)) throw new PackedPointsError(`point id ${JSON.stringify(id)} is not a UUID`);
  return Buffer.from(id.replace(/-/g, ""), "hex");
}

function uuidText(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Packs points given in (ts, id) order (as Cassandra returns them); throws PackedPointsError otherwise. */
export function packPoints(points: readonly TrackPoint[]): Buffer {
  const out = new ByteWriter();
  out.byte(PACKED_POINTS_FORMAT);
  out.varint(points.length);
  let previousTs = 0;
  points.forEach((point, i) => {
    if (!Number.isSafeInteger(point.ts) || point.ts < 0) throw new PackedPointsError(`point ${point.id}: bad time ${point.ts}`);
    if (i > 0 && point.ts < previousTs) throw new PackedPointsError("points must be packed in time order");
    out.varint(i === 0 ? point.ts : point.ts - previousTs);
    previousTs = point.ts;
  });
  for (const point of points) out.raw(uuidBytes(point.id));
  writeDeltas(out, points.map((p) => scaled(p.lat, LAT_LNG_SCALE, "latitude")));
  writeDeltas(out, points.map((p) => scaled(p.lng, LAT_LNG_SCALE, "longitude")));
  writeOptional(out, points, "altitude", ALTITUDE_SCALE);
  writeOptional(out, points, "accuracy", ACCURACY_SCALE);
  writeOptional(out, points, "speed", SPEED_SCALE);
  return deflateRawSync(out.done(), { level: 9 });
}

/** The points of one packed blob, in the order they were packed (quantized: see quantizePoint). */
export function unpackPoints(blob: Uint8Array): TrackPoint[] {
  let input: ByteReader;
  try {
    input = new ByteReader(inflateRawSync(blob));
  } catch (error) {
    throw new PackedPointsError(`packed points do not inflate: ${error instanceof Error ? error.message : String(error)}`);
  }
  const version = input.byte();
  if (version !== PACKED_POINTS_FORMAT) throw new PackedPointsError(`packed points format ${version} is not known here`);
  const count = input.varint();
  const ts: number[] = [];
  for (let i = 0; i < count; i++) ts.push(i === 0 ? input.varint() : ts[i - 1]! + input.varint());
  const ids = Array.from({ length: count }, () => uuidText(input.raw(UUID_BYTES)));
  const lat = readDeltas(input, count, LAT_LNG_SCALE);
  const lng = readDeltas(input, count, LAT_LNG_SCALE);
  const altitude = readOptional(input, count, ALTITUDE_SCALE);
  const accuracy = readOptional(input, count, ACCURACY_SCALE);
  const speed = readOptional(input, count, SPEED_SCALE);
  if (!input.finished) throw new PackedPointsError("packed points have bytes left over");
  return ids.map((id, i) => ({
    id,
    ts: ts[i]!,
    lat: lat[i]!,
    lng: lng[i]!,
    altitude: altitude[i]!,
    accuracy: accuracy[i]!,
    speed: speed[i]!,
  }));
}
