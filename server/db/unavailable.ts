/**
 * Whether an error says PostgreSQL could not be reached, or gave no connection in time, rather than that a
 * query was wrong. Such a request did nothing and may simply be sent again later, so the API answers it 503
 * with a `Retry-After` (server/api/trpc.ts), not 500. What node-postgres 8 and pg-pool 3 throw:
 * - a socket that cannot connect or was cut: Node's system error codes (`ECONNREFUSED`, …), also on an
 *   AggregateError when a host name resolves to several addresses;
 * - pg-pool: "timeout exceeded when trying to connect" (every client busy for `connectionTimeoutMillis`),
 *   "Connection terminated due to connection timeout" (a new connection not made in time);
 * - pg: "Connection terminated unexpectedly" (the server went away), "timeout expired" (the client's own
 *   connect timeout), "Client has encountered a connection error and is not queryable";
 * - the server itself: SQLSTATE class 08 (connection exception), 57P01–57P03 (shutting down, crashed, still
 *   starting up) and 53300 (too many connections).
 * drizzle wraps a failed query in DrizzleQueryError and better-auth a failed session lookup in APIError, both
 * with the driver's error as `cause`, so the cause chain is followed.
 */

/** How long a client should wait before trying again: the pool's own connection timeout. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const SOCKET_ERROR_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);

const SERVER_UNAVAILABLE_SQLSTATES: ReadonlySet<string> = new Set(["57P01", "57P02", "57P03", "53300"]);

const DRIVER_MESSAGES: ReadonlySet<string> = new Set([
  "timeout exceeded when trying to connect",
  "Connection terminated due to connection timeout",
  "Connection terminated unexpectedly",
  "timeout expired",
  "Client has encountered a connection error and is not queryable",
]);

/** Deep enough for tRPC → better-auth → drizzle → pg; bounded so a cyclic `cause` cannot loop. */
const MAX_DEPTH = 8;

function saysUnavailable(error: object): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (SOCKET_ERROR_CODES.has(code) || SERVER_UNAVAILABLE_SQLSTATES.has(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return error instanceof Error && DRIVER_MESSAGES.has(error.message);
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > MAX_DEPTH) return false;
  if (saysUnavailable(error)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable((error as { cause?: unknown }).cause, depth + 1);
}
