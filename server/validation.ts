/**
 * Building blocks of input schemas that keep a value the edge accepted from failing further in: PostgreSQL
 * refuses a NUL in text (SQLSTATE 22021) and dates outside its range, so a schema that let them through turned
 * a client's mistake into a 500. Every free-text field of every procedure is `plainText`, every date
 * `boundedDate`.
 */
import { z } from "zod";

/** C0 controls (NUL, newline, escape…), DEL and the C1 block: never part of a search, a name or a slug. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

export const NO_CONTROL_CHARACTERS = "must not contain control characters (U+0000–U+001F, U+007F–U+009F)";

/** A string of at most `max` characters without control characters. */
export function plainText(max: number) {
  return z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTER.test(value), NO_CONTROL_CHARACTERS);
}

/** The instants a run can have: what points and events accept (schemas.ts), and what a filter may ask for. */
export const EARLIEST_TIME = Date.UTC(2000, 0, 1);
export const LATEST_TIME = Date.UTC(2100, 0, 1);

export const boundedDate = z
  .date()
  .min(new Date(EARLIEST_TIME), "a date on or after 2000-01-01")
  .max(new Date(LATEST_TIME), "a date before 2100-01-01");

/** A calendar month `YYYY-MM` of the years a run can have. */
export const monthInput = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM")
  .refine((value) => {
    const year = Number(value.slice(0, 4));
    return year >= 2000 && year <= 2099;
  }, "a month between 2000-01 and 2099-12");

/** A better-auth user id (32 random letters and digits today; bounded more loosely). */
export const userIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a user id");
