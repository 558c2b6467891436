/**
 * Input the procedure never got to see: a body or `input` parameter that is not JSON, JSON that is not
 * superjson's `{ json, meta? }` (a body of `null`), or a value nested so deeply that reading it overflows the
 * stack. tRPC answers these 400 with the runtime's own text ("Cannot destructure property 'json' of 'payload' as
 * it is null.", "Maximum call stack size exceeded"), which says nothing to a client developer and something about
 * the server. The error formatter (trpc.ts) puts these words in its place, for the app's endpoint and the upload
 * API's direct path alike.
 */
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { isDomainError } from "../errors";

export interface UnreadableInput {
  code: "PARSE_ERROR" | "BAD_REQUEST";
  message: string;
}

const SHAPE = 'send the input as superjson JSON: {"json": <input>, "meta": …} (a batch: {"0": {"json": …}, …})';

/** Our words for an input tRPC could not read; null for every other error (a zod refusal, a domain error…). */
export function unreadableInput(error: TRPCError): UnreadableInput | null {
  if (error.code !== "BAD_REQUEST" && error.code !== "PARSE_ERROR") return null;
  const cause = error.cause;
  if (!(cause instanceof Error) || cause instanceof ZodError || cause instanceof TRPCError || isDomainError(cause)) return null;
  if (cause instanceof SyntaxError) return { code: "PARSE_ERROR", message: `input: not JSON; ${SHAPE}` };
  if (cause instanceof RangeError) return { code: "BAD_REQUEST", message: `input: nested too deeply to read; ${SHAPE}` };
  return { code: "BAD_REQUEST", message: `input: not readable as the procedure's input; ${SHAPE}` };
}
