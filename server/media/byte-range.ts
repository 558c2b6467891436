/**
 * Reads an HTTP `Range` header (RFC 9110 §14) for one file of known size. `<audio>` asks for ranges to
 * stream and seek, so `/media/*` answers single byte ranges; anything it cannot answer as one range is
 * treated as no range (a full 200 response is always a valid answer), except a range that starts past
 * the end, which is unsatisfiable (416).
 */

export type RangeRequest =
  | { kind: "full" }
  | { kind: "partial"; start: number; end: number }
  | { kind: "unsatisfiable" };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

export function parseRange(header: string | null, size: number): RangeRequest {
  if (header === null) return { kind: "full" };
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return { kind: "full" };
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return { kind: "full" };
  if (first === "") {
    // Suffix range: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const lastPosition = last === "" ? Infinity : Number(last);
  if (!Number.isSafeInteger(start) || (last !== "" && !Number.isSafeInteger(lastPosition))) return { kind: "full" };
  if (lastPosition < start) return { kind: "full" }; // invalid syntax: ignore the header
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end: Math.min(lastPosition, size - 1) };
}
