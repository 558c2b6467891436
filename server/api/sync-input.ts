/**
 * A zod schema as a tRPC input parser that parses synchronously. tRPC calls a zod schema's `parseAsync`,
 * and zod 4 compiles an object schema into a specialised parser only for synchronous parses; in the upload
 * API's profile the interpreted parse of a point batch was the largest single cost (docs/benchmarks.md,
 * session 5). For schemas without async refinements the outcome is the same: the parsed value, or the
 * ZodError that the error formatter turns into a message naming the field.
 */
import type { z } from "zod";

/**
 * tRPC reads `_input`/`_output` for types (as from a zod 3 schema) and calls `parse`, synchronous. `schema` is
 * the zod schema itself, for whoever reads a procedure's input shape (input-fuzz.int.test.ts).
 */
interface SyncParser<T extends z.ZodType> {
  _input: z.input<T>;
  _output: z.output<T>;
  parse(value: unknown): z.output<T>;
  schema: T;
}

export function syncInput<T extends z.ZodType>(schema: T): SyncParser<T> {
  return { parse: (value) => schema.parse(value), schema } as SyncParser<T>;
}
