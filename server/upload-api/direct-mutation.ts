/**
 * The upload API's fast path for its one hot request: a single tRPC mutation POSTed as JSON (what the
 * browser's httpLink sends for every GPS batch and run event). tRPC's standalone adapter turns each node
 * request into a web `Request` and its answer back from a web `Response`; on a 20-point batch that
 * conversion was about a third of the upload API's CPU (docs/benchmarks.md, session 5). Here the same
 * procedure runs through tRPC's own core — `callProcedure` (the router's middlewares, zod input, the
 * procedure), `getErrorShape` (the router's error formatter) and `transformTRPCResponse` (superjson) — on
 * node's request and response directly, so the answer is the one the adapter gives, byte for byte
 * (direct-mutation.int.test.ts compares them), refusals of unreadable bodies included (an empty body, one that is
 * not JSON, `null`, nesting too deep: 400 in the error formatter's words, server/api/unreadable-input.ts).
 *
 * Anything else — a batch (`?batch=1`), a query, a stream, another content type — returns false and goes to
 * the standard adapter: this is a shortcut for one shape of request, not a second tRPC implementation.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError, type AnyTRPCRouter } from "@trpc/server";
import {
  callProcedure,
  getErrorShape,
  getHTTPStatusCode,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
  type TRPCResponse,
} from "@trpc/server/unstable-core-do-not-import";

export interface DirectMutationOptions<TContext> {
  router: AnyTRPCRouter;
  /** The URL prefix of procedure paths, with its trailing slash: "/api/trpc/". */
  basePath: string;
  /** The mutation paths served directly, e.g. "activities.appendPoints". */
  paths: ReadonlySet<string>;
  maxBodySize: number;
  createContext: (request: IncomingMessage) => Promise<TContext>;
  /**
   * Turns the parsed body into the procedure's input; default: the router's transformer. The body was
   * parsed for this request alone, so a transformer may work on it in place instead of copying it first.
   */
  deserializeInput?: (body: unknown) => unknown;
  /** Extra headers of the answer, as given to the standard adapter's `responseMeta`. */
  responseMeta: (opts: { ctx: TContext | undefined; errors: TRPCError[]; type: "mutation" }) => { headers?: Record<string, string> };
}

/** Handles `request` when it is a plain JSON mutation on one of `paths`; false when it is not (untouched). */
export type DirectMutationHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

export function createDirectMutationHandler<TContext>(options: DirectMutationOptions<TContext>): DirectMutationHandler {
  const config = options.router._def._config;
  const resolved = {
    ...options,
    deserializeInput: options.deserializeInput ?? ((body: unknown) => config.transformer.input.deserialize(body)),
  };
  return (request, response) => {
    const path = directPath(request, options);
    if (path === null) return false;
    void answer(request, response, path, resolved, config);
    return true;
  };
}

/** The procedure path when `request` is one this handler takes, null otherwise. */
function directPath(request: IncomingMessage, options: Pick<DirectMutationOptions<unknown>, "basePath" | "paths">): string | null {
  if (request.method !== "POST") return null;
  const url = request.url ?? "";
  // Any query string (batch=1, connectionParams…) is the standard adapter's business.
  if (!url.startsWith(options.basePath) || url.includes("?")) return null;
  const path = url.slice(options.basePath.length);
  if (!options.paths.has(path)) return null;
  const contentType = request.headers["content-type"];
  if (contentType !== undefined && !contentType.startsWith("application/json")) return null;
  if (request.headers["trpc-accept"] !== undefined) return null;
  return path;
}

async function answer<TContext>(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  options: DirectMutationOptions<TContext> & { deserializeInput: (body: unknown) => unknown },
  config: AnyTRPCRouter["_def"]["_config"],
): Promise<void> {
  let ctx: TContext | undefined;
  let input: unknown;
  let result: TRPCResponse;
  let error: TRPCError | null = null;
  try {
    ctx = await options.createContext(request);
    const data: unknown = await callProcedure({
      router: options.router,
      path,
      type: "mutation",
      ctx,
      signal: undefined,
      batchIndex: 0,
      getRawInput: async () => {
        const body = await readJsonBody(request, options.maxBodySize);
        input = deserialize(options.deserializeInput, body);
        return input;
      },
    });
    result = { result: { data } };
  } catch (cause) {
    error = getTRPCErrorFromUnknown(cause);
    result = { error: getErrorShape({ config, error, type: "mutation", path, input, ctx }) };
  }
  const headers: Record<string, string> = { vary: "trpc-accept, accept", "content-type": "application/json" };
  Object.assign(headers, options.responseMeta({ ctx, errors: error ? [error] : [], type: "mutation" }).headers);
  const body = JSON.stringify(transformTRPCResponse(config, result));
  response.writeHead(getHTTPStatusCode(result), headers);
  response.end(body);
  // An answer before the whole body was read (a refusal): drop the rest rather than buffer it.
  if (!request.complete) request.resume();
}

/**
 * The transformer's reading of the body; JSON that is not its shape (`null`, nesting deep enough to overflow the
 * stack) is the client's mistake, answered as the adapter answers it (a BAD_REQUEST carrying the cause, which the
 * error formatter words: server/api/unreadable-input.ts), not a 500.
 */
function deserialize(deserializeInput: (body: unknown) => unknown, body: unknown): unknown {
  try {
    return deserializeInput(body);
  } catch (cause) {
    throw new TRPCError({ code: "BAD_REQUEST", message: cause instanceof Error ? cause.message : "Invalid input", cause });
  }
}

/** The request's body as JSON; a body over `limit` bytes, empty or not JSON is the client's mistake (413 / 400). */
async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: `Request body is over ${limit} bytes` });
    chunks.push(chunk);
  }
  const text = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (cause) {
    // As the adapter's reading of the body fails (an empty body too); the error formatter words it.
    throw new TRPCError({ code: "PARSE_ERROR", message: "The request body is not JSON", cause });
  }
}
