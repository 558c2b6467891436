/**
 * Bad and edge inputs derived from a procedure's zod input schema, for input-fuzz.int.test.ts: the schema's
 * leaf paths (through objects, arrays, optionals, defaults, unions) and, for each, values a hostile client would
 * put there — control characters, huge strings, extreme numbers and dates, unknown enum values, wrong types,
 * deep nesting, huge arrays — plus fast-check arbitraries of the same kinds and of anything at all.
 */
import fc from "fast-check";
import type { z } from "zod";

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; options?: z.ZodType[]; in?: z.ZodType };

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

export interface Leaf {
  /** Where in the input, e.g. ["events", 0, "at"]. */
  path: (string | number)[];
  /** The leaf's zod type name: string, number, date, enum, boolean, literal… */
  type: string;
}

/** Every leaf of the schema; arrays are entered at index 0, every option of a union is entered. */
export function leavesOf(schema: z.ZodType, path: (string | number)[] = []): Leaf[] {
  const def = defOf(schema);
  switch (def.type) {
    case "object":
      return Object.entries(def.shape ?? {}).flatMap(([key, field]) => leavesOf(field, [...path, key]));
    case "optional":
    case "default":
    case "nullable":
    case "prefault":
    case "readonly":
      return leavesOf(def.innerType!, path);
    case "pipe":
      return leavesOf(def.in!, path);
    case "array":
      return [{ path, type: "array" }, ...leavesOf(def.element!, [...path, 0])];
    case "union": {
      const seen = new Set<string>();
      return def.options!.flatMap((option) => leavesOf(option, path)).filter((leaf) => {
        const key = leaf.path.join(".");
        return !seen.has(key) && (seen.add(key), true);
      });
    }
    default:
      return [{ path, type: def.type }];
  }
}

/** The schema's top-level keys: a refusal's message must start with one of them (or `input`). */
export function topLevelKeys(schema: z.ZodType): string[] {
  const def = defOf(schema);
  if (def.type === "object") return Object.keys(def.shape ?? {});
  if (def.innerType) return topLevelKeys(def.innerType);
  if (def.in) return topLevelKeys(def.in);
  if (def.options) return [...new Set(def.options.flatMap(topLevelKeys))];
  return [];
}

function nested(depth: number): unknown {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const CONTROL = ["\u0000", "a\u0000b", "\u0007", "\u001b[2J", "\u007f", "\u0085", "line\nbreak", "\ud800"];

/** Hostile values for any leaf, whatever its type: wrong types, nesting, emptiness. */
const ANY_LEAF: unknown[] = [null, {}, [], true, "", nested(200), { $gt: "" }, { __proto__: { admin: true } }];

/** Hostile values by the leaf's own type: edges a schema might let through. */
const BY_TYPE: Record<string, unknown[]> = {
  string: [...CONTROL, "x".repeat(10_000), " ", "%", "_", "\\", "'; drop table activities; --", "../../etc/passwd", "😀".repeat(50), 42],
  number: [0, -0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER - 2, 0.5, Infinity, -Infinity, NaN, "1"],
  date: [new Date(8.64e15), new Date(-8.64e15), new Date(0), new Date(NaN), new Date(Date.UTC(2099, 11, 31)), "2024-01-01"],
  enum: ["unknown-value", "", "ADMIN", 0],
  boolean: ["true", 0, 1],
  literal: ["unknown-type", ""],
  array: [[], Array.from({ length: 1_000 }, () => ({})), "not an array"],
};

export function hostileValues(leaf: Leaf): unknown[] {
  return [...(BY_TYPE[leaf.type] ?? []), ...ANY_LEAF];
}

/** A copy of `base` with the value at `path` replaced (created where the base has nothing). */
export function withValue(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const container = (Array.isArray(base) ? [...(base as unknown[])] : { ...(base as object) }) as Record<string | number, unknown>;
  container[head!] = withValue(container[head!] ?? (typeof rest[0] === "number" ? [] : {}), rest, value);
  return container;
}

/** fast-check values for a leaf: its type's edges, arbitrary text with controls, numbers, dates, anything. */
export function leafArbitrary(leaf: Leaf): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...hostileValues(leaf)),
    fc.string({ unit: "binary", maxLength: 300 }),
    fc.double(),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc.date({ noInvalidDate: false }),
    fc.anything({ maxDepth: 4 }),
  );
}
