/**
 * The upload API: the two ingest procedures (server/api/routers/ingest.ts) on `node:http` through tRPC's
 * standalone adapter, without Next, so an operator scales the upload tier apart from the pages. Same router
 * code, validation, context and answers as the app's /api/trpc, under the same paths: a load balancer sends
 * `/api/trpc/activities.appendPoints` and `/api/trpc/activities.syncEvents` here and everything else to the
 * app servers, on one origin.
 *
 * The session: the browser sends its better-auth session cookie with the upload like with any request of the
 * origin; this server checks it as the app does (createTRPCContext: the session memo, then better-auth over
 * PostgreSQL), so a phone never holds a second credential. Served from another origin (NEXT_PUBLIC_UPLOAD_URL
 * elsewhere), it answers CORS with credentials for the app's origin only (BETTER_AUTH_URL).
 *
 * `/api/metrics` is its Prometheus page (server/metrics/endpoint.ts), like the app servers'.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import superjson from "superjson";
import { MAX_BATCH_CALLS } from "../api/batch-limit";
import { applySecurityHeaders, headersOf, MAX_BODY_BYTES, refuseOversizedBody, responseMeta } from "../api/http-edge";
import { ingestRouter } from "../api/routers/ingest";
import { createTRPCContext } from "../api/trpc";
import { answerMetrics, METRICS_PATH } from "../metrics/endpoint";
import { createDirectMutationHandler } from "./direct-mutation";

export const UPLOAD_BASE_PATH = "/api/trpc/";

/** The ingest mutations, answered without the adapter's web Request/Response (direct-mutation.ts). */
const DIRECT_PATHS: ReadonlySet<string> = new Set(["activities.appendPoints", "activities.syncEvents"]);

export interface UploadServerOptions {
  /** The app's origin, allowed to call with credentials from another origin. */
  appOrigin: string;
  /** `/api/health`: what a load balancer asks before sending uploads here. */
  health: () => Promise<{ healthy: boolean; report: unknown }>;
  /** Answer the ingest mutations without the adapter's web Request/Response (default); false for tests. */
  direct?: boolean;
}

function allowCors(request: IncomingMessage, response: ServerResponse, appOrigin: string): boolean {
  const origin = request.headers.origin;
  if (!origin || origin !== appOrigin) return false;
  response.setHeader("access-control-allow-origin", origin);
  response.setHeader("access-control-allow-credentials", "true");
  response.setHeader("vary", "origin");
  return true;
}

export function createUploadServer(options: UploadServerOptions): Server {
  const trpc = createHTTPHandler({
    router: ingestRouter,
    basePath: UPLOAD_BASE_PATH,
    maxBodySize: MAX_BODY_BYTES,
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: ({ req }) => createTRPCContext({ headers: headersOf(req) }),
    responseMeta,
  });
  const direct = createDirectMutationHandler({
    router: ingestRouter,
    basePath: UPLOAD_BASE_PATH,
    paths: DIRECT_PATHS,
    maxBodySize: MAX_BODY_BYTES,
    createContext: (req) => createTRPCContext({ headers: headersOf(req) }),
    // The router's transformer (trpc.ts), without the defensive copy of a body nobody else holds.
    deserializeInput: (body) => superjson.deserialize(body as Parameters<typeof superjson.deserialize>[0], { inPlace: true }),
    responseMeta,
  });
  return createServer((request, response) => {
    applySecurityHeaders(request, response, options.appOrigin);
    const path = (request.url ?? "/").split("?")[0]!;
    if (path === METRICS_PATH && request.method === "GET") {
      void answerMetrics(request.headers.authorization).then((answer) => {
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body);
      });
      return;
    }
    if (path === "/api/health") {
      void options.health().then(({ healthy, report }) => {
        response.statusCode = healthy ? 200 : 503;
        response.setHeader("content-type", "application/json");
        response.setHeader("cache-control", "no-store");
        response.end(JSON.stringify(report));
      });
      return;
    }
    const cors = allowCors(request, response, options.appOrigin);
    if (request.method === "OPTIONS" && cors) {
      response.setHeader("access-control-allow-methods", "POST, OPTIONS");
      response.setHeader("access-control-allow-headers", "content-type, x-request-id");
      response.setHeader("access-control-max-age", "600");
      response.statusCode = 204;
      response.end();
      return;
    }
    if (!path.startsWith(UPLOAD_BASE_PATH)) {
      response.statusCode = 404;
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ error: { message: `The upload API serves ${UPLOAD_BASE_PATH}activities.* only` } }));
      return;
    }
    if (refuseOversizedBody(request, response)) return;
    if (options.direct !== false && direct(request, response)) return;
    trpc(request, response);
  });
}
