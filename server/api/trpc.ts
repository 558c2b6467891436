/**
 * tRPC core: the request context (database, signed-in user), the procedure tiers, and the single place
 * where domain errors become tRPC errors and validation errors become messages that name the field.
 */
import { randomUUID } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { getAuth } from "../auth";
import { getDb } from "../db";
import { isDatabaseUnavailable } from "../db/unavailable";
import { isDomainError } from "../errors";
import { log } from "../log";
import { getServerMetrics } from "../metrics/server-metrics";
import { requestStatus } from "../metrics/request-status";
import { getSessionRevocation } from "../session-revocation";
import { batchTooLarge } from "./batch-limit";
import { unreadableInput } from "./unreadable-input";

type Session = Awaited<ReturnType<ReturnType<typeof getAuth>["api"]["getSession"]>>;

/** `session` may be passed when the caller already looked it up for this request (server components). */
export async function createTRPCContext(opts: { headers: Headers; session?: Session }) {
  // A request's latency counts from here when the session is looked up for it (an HTTP request); a server
  // component's caller, which brings its session, is timed per procedure (observeCalls below).
  const receivedAt = opts.session === undefined ? performance.now() : undefined;
  const session =
    opts.session !== undefined
      ? opts.session
      : await memoisedSession(opts.headers);
  return { db: getDb(), session, headers: opts.headers, requestId: requestIdOf(opts.headers), receivedAt };
}

/**
 * API requests carrying the same session cookies within half a minute reuse the session, until it is revoked on
 * any server (session-memo.ts, session-revocation.ts).
 */
async function memoisedSession(headers: Headers): Promise<Session> {
  // The memo holds what this lookup returned, so what comes back is a better-auth session.
  return (await getSessionRevocation().memo.get(headers, () => getAuth().api.getSession({ headers }))) as Session;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's `x-request-id` (a load balancer's, bounded) or a new one: it follows an upload into Kafka. */
function requestIdOf(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

export type TRPCContext = Awaited<ReturnType<typeof createTRPCContext>>;

/** "points.3.lat: Too big: expected number to be <=90; …" — readable by a person and a form alike. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "input"}: ${issue.message}`)
    .join("; ");
}

/**
 * PostgreSQL unreachable, or no pooled connection in time (server/db/unavailable.ts): the request did nothing
 * and can be sent again, so it is answered 503 with a `Retry-After` (pages/api/trpc/[trpc].ts), not 500.
 * Decided here, where every error passes on its way out (a procedure's, and the session lookup's in
 * createTRPCContext, which no middleware sees); the answer's HTTP status is the shape's `httpStatus`.
 */
export function isDatabaseOutage(error: TRPCError): boolean {
  return error.code === "INTERNAL_SERVER_ERROR" && isDatabaseUnavailable(error.cause);
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    if (isDatabaseOutage(error)) {
      return {
        ...shape,
        code: TRPC_ERROR_CODES_BY_KEY.SERVICE_UNAVAILABLE,
        message: "The database is unavailable; retry later",
        data: {
          code: "SERVICE_UNAVAILABLE" as const,
          httpStatus: 503,
          path: shape.data.path,
          domainCode: "DATABASE_UNAVAILABLE",
          zodError: null,
        },
      };
    }
    const unreadable = unreadableInput(error);
    if (unreadable) {
      return {
        ...shape,
        code: TRPC_ERROR_CODES_BY_KEY[unreadable.code],
        message: unreadable.message,
        data: { code: unreadable.code, httpStatus: 400, path: shape.data.path, domainCode: null, zodError: null },
      };
    }
    const domainCode = isDomainError(error.cause) ? error.cause.code : null;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      message: zodError ? describeZodError(zodError) : internal ? "Internal server error" : (batchTooLarge(error) ?? shape.message),
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        domainCode,
        zodError: zodError ? z.flattenError(zodError) : null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/** Translates domain errors thrown by services; logs anything unexpected before it is masked. */
const translateErrors = t.middleware(async ({ next, path, type }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (isDomainError(cause)) {
    // An outage (Kafka, Cassandra) is not a bug, but an operator wants to see it.
    if (cause.trpcCode === "SERVICE_UNAVAILABLE") log.warn({ err: cause, path, type }, "a store is unavailable; answered 503");
    throw new TRPCError({ code: cause.trpcCode, message: cause.message, cause });
  }
  if (isDatabaseOutage(result.error)) {
    log.warn({ err: cause, path, type }, "database unavailable; answered 503");
  } else if (result.error.code === "INTERNAL_SERVER_ERROR") {
    log.error({ err: cause ?? result.error, path, type }, "unhandled error in procedure");
  }
  return result;
});

/**
 * `runcoach_trpc_request_duration_seconds{procedure,status}` (server/metrics/): outermost, so it sees the answer
 * the caller gets (a domain error already translated), once per call whichever front called the procedure
 * (the app's endpoint, the upload API's adapter or its direct path, a server component). A request refused
 * before any procedure runs (its session lookup failing, an unknown path) is not seen here.
 */
const observeCalls = t.middleware(async ({ ctx, next, path }) => {
  const metrics = getServerMetrics();
  if (!metrics) return next();
  const startedAt = ctx.receivedAt ?? performance.now();
  const result = await next();
  const status = requestStatus(result, isDatabaseOutage);
  metrics.requestSeconds.observe({ procedure: path, status }, (performance.now() - startedAt) / 1000);
  return result;
});

export const publicProcedure = t.procedure.use(observeCalls).use(translateErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  }
  return next({ ctx: { ...ctx, session: ctx.session, user: ctx.session.user } });
});
