/**
 * PostgreSQL out of reach: the app's database handle pointed at a port where nothing listens (as after the
 * server died), or a pool whose only connection is taken. Requests through the app's real tRPC HTTP handler
 * are answered 503 SERVICE_UNAVAILABLE with a Retry-After, which the browser's outbox keeps and retries, not
 * 500; and nothing is stored.
 */
import { randomUUID } from "node:crypto";
import { TRPCClientError } from "@trpc/client";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyError } from "@/app/_lib/outbox/classify-error";
import { cassandraSettingsFromEnv } from "@/server/cassandra";
import { createCassandraClient, type CassandraClient } from "@/server/cassandra/client";
import { createLocationStore, type LocationStore } from "@/server/cassandra/location-store";
import { openDatabase, type DatabaseHandle } from "@/server/db/client";
import * as schema from "@/server/db/schema";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/server/db/unavailable";
import { signUpTestUser, trpcClientFor, withAppDatabase, type TestUser } from "@/test-support/integration";
import { runEvents, storedRun } from "@/test-support/integration-runs";

/** Port 1 on loopback: nothing listens, so every connection is refused, like a stopped PostgreSQL. */
const STOPPED_POSTGRES = "postgres://postgres@127.0.0.1:1/runcoach_test";

/** What the browser's tRPC client sees: the error, its HTTP status and Retry-After, and what the outbox makes of it. */
async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  const trpcError = error as TRPCClientError<never>;
  const data = trpcError.data as unknown as { code: string; httpStatus: number; domainCode: string | null };
  const response = (trpcError.meta as { response?: Response } | undefined)?.response;
  return { data, message: trpcError.message, retryAfter: response?.headers.get("retry-after"), outbox: classifyError(error) };
}

function point(ts: number) {
  return { id: randomUUID(), ts, lat: 37.52, lng: 126.93, altitude: 15, accuracy: 4, speed: 2.8 };
}

describe("PostgreSQL unavailable", () => {
  let runner: TestUser;
  let cassandra: CassandraClient;
  let store: LocationStore;
  const startedAt = Date.now() - 10 * 60_000;
  const run = runEvents();

  beforeAll(async () => {
    runner = await signUpTestUser("pgdown");
    await trpcClientFor(runner).activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(startedAt)] });
    cassandra = createCassandraClient(cassandraSettingsFromEnv(), { withKeyspace: true });
    await cassandra.connect();
    store = createLocationStore(cassandra);
  });
  afterAll(() => cassandra.shutdown());

  describe("refusing connections", () => {
    let stopped: DatabaseHandle;
    beforeAll(() => {
      stopped = openDatabase({ url: STOPPED_POSTGRES, pgliteDir: "" });
    });
    afterAll(() => stopped.close());

    it("answers a point upload 503 with Retry-After, and stores nothing", async () => {
      const before = await storedRun(run.activityId);
      const points = [point(startedAt + 1_000), point(startedAt + 2_000)];
      const started = Date.now();
      const answer = await withAppDatabase(stopped, () =>
        failure(trpcClientFor(runner).activities.appendPoints.mutate({ activityId: run.activityId, points })),
      );
      expect(answer.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503, domainCode: "DATABASE_UNAVAILABLE" });
      expect(answer.message).toBe("The database is unavailable; retry later");
      expect(answer.retryAfter).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
      expect(answer.outbox).toMatchObject({ retryable: true, httpStatus: 503, retryAfterMs: DATABASE_RETRY_AFTER_SECONDS * 1000 });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await storedRun(run.activityId)).toEqual(before);
      expect(await store.read(run.activityId)).toEqual([]);
    });

    it("answers a lifecycle sync (a transaction) 503 and stores no event", async () => {
      const before = await storedRun(run.activityId);
      const pause = run.pause(startedAt + 60_000);
      const answer = await withAppDatabase(stopped, () =>
        failure(trpcClientFor(runner).activities.syncEvents.mutate({ activityId: run.activityId, events: [pause] })),
      );
      expect(answer.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503 });
      expect(answer.retryAfter).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
      expect(await storedRun(run.activityId)).toEqual(before);
    });

    it("answers 503 when it is the session lookup that cannot reach the database", async () => {
      // Only the session token, not better-auth's signed cookie cache: the session must be read from the database.
      const tokenOnly = { ...runner, cookie: runner.cookie.split("; ").filter((c) => c.includes(".session_token=")).join("; ") };
      expect(tokenOnly.cookie).toContain(".session_token=");
      const answer = await withAppDatabase(stopped, () =>
        failure(trpcClientFor(tokenOnly).activities.get.query({ id: run.activityId })),
      );
      expect(answer.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503 });
      expect(answer.retryAfter).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    });
  });

  describe("no pooled connection free in time", () => {
    let pool: pg.Pool;
    let held: pg.PoolClient;
    let exhausted: DatabaseHandle;
    beforeAll(async () => {
      pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1, connectionTimeoutMillis: 300 });
      held = await pool.connect();
      const db = drizzle({ client: pool, schema });
      exhausted = { db, kind: "postgres", migrate: async () => undefined, ping: async () => undefined, close: () => pool.end() };
    });
    afterAll(async () => {
      held.release();
      await pool.end();
    });

    it("answers 503 instead of 500 once the pool gives up waiting", async () => {
      const before = await storedRun(run.activityId);
      const points = [point(startedAt + 3_000)];
      const answer = await withAppDatabase(exhausted, () =>
        failure(trpcClientFor(runner).activities.appendPoints.mutate({ activityId: run.activityId, points })),
      );
      expect(answer.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503, domainCode: "DATABASE_UNAVAILABLE" });
      expect(answer.retryAfter).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
      expect(await storedRun(run.activityId)).toEqual(before);
      expect(await store.read(run.activityId)).toEqual([]);
    });
  });

  it("works again once the database is back", async () => {
    // The original handle is back: the same runner's upload is stored.
    const points = [point(startedAt + 4_000)];
    const result = await trpcClientFor(runner).activities.appendPoints.mutate({ activityId: run.activityId, points });
    expect(result.stored).toEqual(points.map((p) => p.id));
  });
});
