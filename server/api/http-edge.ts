/**
 * What every HTTP front of the tRPC routers shares (the app's pages-router endpoint and the standalone
 * upload API): the body limit, the request's headers as web `Headers`, and the answer's headers — a short
 * uncompressed acknowledgement for mutations, `Retry-After` on the refusals a client should come back from (a
 * domain error that says when, PostgreSQL out of reach), the request id, and the API's security headers.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TRPCError } from "@trpc/server";
import { DATABASE_RETRY_AFTER_SECONDS } from "../db/unavailable";
import { retryAfterSecondsOf } from "../errors";
import { apiSecurityHeaders, servedOverHttps } from "../security-headers";
import { isDatabaseOutage } from "./trpc";

/** Refuse bodies over 1 MiB: a full ingest batch of 500 points is about 90 KiB of JSON. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return headers;
}

export function responseMeta({ ctx, errors, type }: { ctx?: { requestId?: string } | undefined; errors: TRPCError[]; type: string }) {
  const headers: Record<string, string> = {};
  // The id this request goes by in the logs and in its Kafka message (docs/operations.md, "Following one upload").
  if (ctx?.requestId) headers["x-request-id"] = ctx.requestId;
  // A mutation's answer is a short acknowledgement: compressing it cost more CPU than the bytes it saved
  // on point uploads. `no-transform` is what Next's compression respects.
  if (type === "mutation") headers["cache-control"] = "no-store, no-transform";
  // A refusal to come back from says when: a domain error its own way (the rate limit, Kafka or Cassandra out
  // of reach), PostgreSQL out of reach (answered 503 by the error formatter) after DATABASE_RETRY_AFTER_SECONDS.
  // A batch of several such refusals asks for the longest wait.
  const waits = errors.map((error) => (isDatabaseOutage(error) ? DATABASE_RETRY_AFTER_SECONDS : retryAfterSecondsOf(error.cause)));
  const retryAfter = Math.max(0, ...waits.filter((seconds) => seconds !== undefined));
  if (retryAfter > 0) headers["retry-after"] = String(retryAfter);
  return { headers };
}

/**
 * The API's security headers (server/security-headers.ts) on an answer about to be written: set first, so every
 * answer carries them, a refusal as much as a result. `publicUrl` is the app's (BETTER_AUTH_URL by default).
 */
export function applySecurityHeaders(request: IncomingMessage, response: ServerResponse, publicUrl?: string): void {
  const proto = request.headers["x-forwarded-proto"];
  const headers = apiSecurityHeaders(servedOverHttps(Array.isArray(proto) ? proto[0] : proto, publicUrl ?? process.env.BETTER_AUTH_URL));
  for (const name in headers) response.setHeader(name, headers[name]!);
}

/** Answers 413 before reading a body whose declared length is over the limit; true when it did. */
export function refuseOversizedBody(request: IncomingMessage, response: ServerResponse): boolean {
  const length = Number(request.headers["content-length"] ?? 0);
  if (length <= MAX_BODY_BYTES) return false;
  response.statusCode = 413;
  response.setHeader("content-type", "application/json");
  response.end(JSON.stringify({ error: { message: `Request body is ${length} bytes; the limit is ${MAX_BODY_BYTES}` } }));
  return true;
}
