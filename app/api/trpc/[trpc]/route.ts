import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createTRPCContext, isDatabaseOutage } from "@/server/api/trpc";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/server/db/unavailable";
import { RateLimitedError } from "@/server/errors";

/** Refuse bodies over 1 MiB before parsing: a full ingest batch of 500 points is about 90 KiB of JSON. */
const MAX_BODY_BYTES = 1024 * 1024;

function handler(request: Request) {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) {
    return Response.json(
      { error: { message: `Request body is ${length} bytes; the limit is ${MAX_BODY_BYTES}` } },
      { status: 413 },
    );
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: request.headers }),
    responseMeta: ({ errors, type }) => {
      const headers: Record<string, string> = {};
      // A mutation's answer is a short acknowledgement: compressing it (Next gzips every route-handler
      // response, as it strips their Content-Length) cost more CPU than the bytes it saved on point uploads.
      // `no-transform` is what Next's compression respects.
      if (type === "mutation") headers["cache-control"] = "no-store, no-transform";
      // A rate-limited upload says when to come back; the client's outbox waits that long.
      const limited = errors.map((error) => error.cause).find((cause) => cause instanceof RateLimitedError);
      if (limited) headers["retry-after"] = String(Math.max(1, Math.ceil(limited.retryAfterMs / 1000)));
      // So does one that found PostgreSQL unreachable (answered 503 by the error formatter).
      else if (errors.some(isDatabaseOutage)) headers["retry-after"] = String(DATABASE_RETRY_AFTER_SECONDS);
      return { headers };
    },
  });
}

export { handler as GET, handler as POST };
