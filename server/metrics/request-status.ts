/** The `status` label of a tRPC call: the HTTP status its answer carries (what an operator sees at the edge). */
import type { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";

export type CallResult = { ok: true } | { ok: false; error: TRPCError };

/**
 * "200", or the error's status; `isOutage` says which INTERNAL_SERVER_ERRORs the error formatter answers 503
 * (PostgreSQL out of reach, server/api/trpc.ts), so the label matches the answer rather than the code.
 */
export function requestStatus(result: CallResult, isOutage: (error: TRPCError) => boolean): string {
  if (result.ok) return "200";
  if (isOutage(result.error)) return "503";
  return String(getHTTPStatusCodeFromError(result.error));
}
