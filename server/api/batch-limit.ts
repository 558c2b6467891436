/**
 * The most calls one batched request (`?batch=1`, GET or POST) may carry. The browser batches the queries a page
 * makes at once (a handful; its httpBatchLink splits at this size, app/_lib/trpc-links.ts), so the bound only stops
 * one request from making the server run hundreds of procedures.
 */
import type { TRPCError } from "@trpc/server";

export const MAX_BATCH_CALLS = 20;

/** tRPC's refusal of a larger batch (its `maxBatchSize`), in words that give the bound. */
export function batchTooLarge(error: TRPCError): string | null {
  if (error.code !== "BAD_REQUEST" || !error.message.startsWith("Batch call exceeds maximum size")) return null;
  return `batch: at most ${MAX_BATCH_CALLS} calls in one request; split the batch`;
}
