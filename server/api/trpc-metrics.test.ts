/**
 * The request metrics' middleware (trpc.ts): one observation per call, labelled with the procedure's path and
 * the HTTP status the caller gets — a domain error already translated, a database outage as its 503.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { log } from "../log";
import { ActivityNotFoundError, QueueUnavailableError, RateLimitedError } from "../errors";
import { getServerMetrics } from "../metrics/server-metrics";
import { createCallerFactory, createTRPCRouter, protectedProcedure, publicProcedure, type TRPCContext } from "./trpc";

const router = createTRPCRouter({
  runs: createTRPCRouter({
    get: publicProcedure.input(z.object({ id: z.uuid() })).query(() => "found"),
    missing: publicProcedure.query(() => {
      throw new ActivityNotFoundError("x");
    }),
    limited: publicProcedure.mutation(() => {
      throw new RateLimitedError(5_000);
    }),
    queueDown: publicProcedure.mutation(() => {
      throw new QueueUnavailableError(new Error("no broker"));
    }),
    databaseDown: publicProcedure.query(() => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    }),
    bug: publicProcedure.query(() => {
      throw new Error("a bug");
    }),
    mine: protectedProcedure.query(() => "mine"),
  }),
});

const context = { db: null, session: null, headers: new Headers(), requestId: "test", receivedAt: undefined } as unknown as TRPCContext;
const caller = createCallerFactory(router)(context);

async function counts(): Promise<Map<string, number>> {
  const metric = await getServerMetrics()!.requestSeconds.get();
  const byLabels = new Map<string, number>();
  for (const value of metric.values) {
    if (value.metricName !== "runcoach_trpc_request_duration_seconds_count") continue;
    byLabels.set(`${value.labels.procedure} ${value.labels.status}`, value.value);
  }
  return byLabels;
}

describe("the tRPC request metrics", () => {
  beforeAll(() => {
    log.level = "silent"; // the refusals below are logged as an operator would want; not here
  });

  it("counts each call once, by procedure and the status the caller gets", async () => {
    const before = await counts();
    await caller.runs.get({ id: "5b7a6b7e-3f7e-4c1e-9a8e-1d2c3b4a5f60" });
    await caller.runs.get({ id: "5b7a6b7e-3f7e-4c1e-9a8e-1d2c3b4a5f60" });
    await caller.runs.get({ id: "not a uuid" }).catch(() => undefined);
    await caller.runs.missing().catch(() => undefined);
    await caller.runs.limited().catch(() => undefined);
    await caller.runs.queueDown().catch(() => undefined);
    await caller.runs.databaseDown().catch(() => undefined);
    await caller.runs.bug().catch(() => undefined);
    await caller.runs.mine().catch(() => undefined);
    const after = await counts();
    const delta = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
    expect(delta("runs.get 200")).toBe(2);
    expect(delta("runs.get 400")).toBe(1);
    expect(delta("runs.missing 404")).toBe(1);
    expect(delta("runs.limited 429")).toBe(1);
    expect(delta("runs.queueDown 503")).toBe(1);
    expect(delta("runs.databaseDown 503")).toBe(1);
    expect(delta("runs.bug 500")).toBe(1);
    expect(delta("runs.mine 401")).toBe(1);
    const total = [...after.values()].reduce((a, b) => a + b, 0) - [...before.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(9);
  });

  it("times an HTTP request from its arrival, its session lookup included", async () => {
    const arrived = { ...context, receivedAt: performance.now() - 2_000 } as TRPCContext;
    await createCallerFactory(router)(arrived).runs.get({ id: "5b7a6b7e-3f7e-4c1e-9a8e-1d2c3b4a5f60" });
    const metric = await getServerMetrics()!.requestSeconds.get();
    const slow = metric.values.find(
      (v) => v.metricName === "runcoach_trpc_request_duration_seconds_bucket" && v.labels.procedure === "runs.get" && (v.labels as { le?: number }).le === 1,
    );
    const count = metric.values.find((v) => v.metricName === "runcoach_trpc_request_duration_seconds_count" && v.labels.procedure === "runs.get" && v.labels.status === "200");
    // Three calls so far, the last taking over 2 s: two within a second.
    expect(count?.value).toBe(3);
    expect(slow?.value).toBe(2);
  });
});
