/**
 * The tRPC endpoint, as a pages-router API route on purpose: it hands tRPC Node's own request and response,
 * where an app-router route handler first wraps them in web Request/Response objects and streams the answer
 * back through its own layers: the largest part of the app's CPU per point upload in a profile. Here the app's
 * CPU per 20-point upload is about a quarter lower (docs/benchmarks.md). Everything else (pages, auth) stays
 * in the app router.
 */
import type { NextApiRequest, NextApiResponse } from "next";
import { createNextApiHandler } from "@trpc/server/adapters/next";
import { appRouter } from "@/server/api/root";
import { createTRPCContext, isDatabaseOutage } from "@/server/api/trpc";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/server/db/unavailable";
import { RateLimitedError } from "@/server/errors";

/** Refuse bodies over 1 MiB: a full ingest batch of 500 points is about 90 KiB of JSON. */
const MAX_BODY_BYTES = 1024 * 1024;

/** tRPC reads the body itself (bounded by maxBodySize), so Next's parser stays out of the way. */
export const config = { api: { bodyParser: false, responseLimit: false } };

function headersOf(request: NextApiRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return headers;
}

const trpc = createNextApiHandler({
  router: appRouter,
  maxBodySize: MAX_BODY_BYTES,
  createContext: ({ req }) => createTRPCContext({ headers: headersOf(req) }),
  responseMeta: ({ errors, type }) => {
    const headers: Record<string, string> = {};
    // A mutation's answer is a short acknowledgement: compressing it cost more CPU than the bytes it saved
    // on point uploads. `no-transform` is what Next's compression respects.
    if (type === "mutation") headers["cache-control"] = "no-store, no-transform";
    // A rate-limited upload says when to come back; the client's outbox waits that long.
    const limited = errors.map((error) => error.cause).find((cause) => cause instanceof RateLimitedError);
    if (limited) headers["retry-after"] = String(Math.max(1, Math.ceil(limited.retryAfterMs / 1000)));
    // So does one that found PostgreSQL unreachable (answered 503 by the error formatter).
    else if (errors.some(isDatabaseOutage)) headers["retry-after"] = String(DATABASE_RETRY_AFTER_SECONDS);
    return { headers };
  },
});

/** Plain Node calls only (no NextApiResponse helpers), so tests can serve it from a bare `http` server. */
export default function handler(request: NextApiRequest, response: NextApiResponse) {
  const length = Number(request.headers["content-length"] ?? 0);
  if (length > MAX_BODY_BYTES) {
    response.statusCode = 413;
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ error: { message: `Request body is ${length} bytes; the limit is ${MAX_BODY_BYTES}` } }));
    return;
  }
  return trpc(request, response);
}
