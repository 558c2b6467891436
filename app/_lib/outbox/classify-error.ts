/**
 * Whether a failed upload should be tried again later or set aside. Retrying keeps the queue's order, so it
 * is the default whenever nothing says the server refused the request for good: network failures (fetch's
 * TypeError), timeouts, aborted or unreadable responses, 5xx, 408, 425, 429 — and 401, because a session that
 * expired while the runner was offline comes back after signing in; rejecting then would set aside a whole
 * run. Any other 4xx is a refusal that sending the same bytes again cannot change.
 */
import { OutboxSendError } from "./send-error";

export interface ErrorClassification {
  retryable: boolean;
  /** From the response's `Retry-After` header, when it had one. */
  retryAfterMs?: number;
  message: string;
  httpStatus?: number;
}

const RETRYABLE_CLIENT_STATUSES: ReadonlySet<number> = new Set([401, 408, 425, 429]);
const MS_PER_SECOND = 1000;

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** A tRPC client error carries the status in `data.httpStatus` and the raw response in `meta.response`. */
function httpStatusOf(error: unknown): number | undefined {
  return (
    numberOrUndefined(field(field(error, "data"), "httpStatus")) ??
    numberOrUndefined(field(field(field(error, "meta"), "response"), "status")) ??
    numberOrUndefined(field(error, "status"))
  );
}

function retryAfterHeaderOf(error: unknown): string | null {
  const headers = field(field(field(error, "meta"), "response"), "headers") ?? field(error, "headers");
  return headers instanceof Headers ? headers.get("retry-after") : null;
}

/** `Retry-After` is either whole seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * MS_PER_SECOND;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === "string" ? error : "Unknown error";
}

export function classifyError(error: unknown, now: number = Date.now()): ErrorClassification {
  const message = messageOf(error);
  if (error instanceof OutboxSendError) return { retryable: error.retryable, message };
  const httpStatus = httpStatusOf(error);
  if (httpStatus === undefined) return { retryable: true, message };
  const retryAfterMs = parseRetryAfter(retryAfterHeaderOf(error), now);
  const retryable = httpStatus < 400 || httpStatus >= 500 || RETRYABLE_CLIENT_STATUSES.has(httpStatus);
  return { retryable, message, httpStatus, ...(retryable && retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}
