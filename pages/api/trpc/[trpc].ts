/**
 * The tRPC endpoint, as a pages-router API route on purpose: it hands tRPC Node's own request and response,
 * where an app-router route handler first wraps them in web Request/Response objects and streams the answer
 * back through its own layers: the largest part of the app's CPU per point upload in a profile. Here the app's
 * CPU per 20-point upload is about a quarter lower (docs/benchmarks.md). Everything else (pages, auth) stays
 * in the app router. The upload procedures are also served without Next by the upload API (server/upload-api/).
 */
import type { NextApiRequest, NextApiResponse } from "next";
import { createNextApiHandler } from "@trpc/server/adapters/next";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { MAX_BATCH_CALLS } from "@/server/api/batch-limit";
import { applySecurityHeaders, headersOf, MAX_BODY_BYTES, refuseOversizedBody, responseMeta } from "@/server/api/http-edge";

/** tRPC reads the body itself (bounded by maxBodySize), so Next's parser stays out of the way. */
export const config = { api: { bodyParser: false, responseLimit: false } };

const trpc = createNextApiHandler({
  router: appRouter,
  maxBodySize: MAX_BODY_BYTES,
  maxBatchSize: MAX_BATCH_CALLS,
  createContext: ({ req }) => createTRPCContext({ headers: headersOf(req) }),
  responseMeta,
});

/** Plain Node calls only (no NextApiResponse helpers), so tests can serve it from a bare `http` server. */
export default function handler(request: NextApiRequest, response: NextApiResponse) {
  // proxy.ts leaves this path alone: the upload path stays as cheap as it was.
  applySecurityHeaders(request, response);
  if (refuseOversizedBody(request, response)) return;
  return trpc(request, response);
}
