/**
 * Cassandra stopped: a real driver pointed at a port where no node answers (as after the node died).
 * The upload fails fast with LocationStoreUnavailableError, which tRPC answers as 503, so the client's
 * outbox keeps the points and retries; nothing about the activity changes.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createCassandraClient } from "@/server/cassandra/client";
import { createLocationStore } from "@/server/cassandra/location-store";
import { cassandraSettingsFromEnv } from "@/server/cassandra";
import { getDb } from "@/server/db";
import { LocationStoreUnavailableError } from "@/server/errors";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { runEvents, storedRun } from "@/test-support/integration-runs";
import { appendPoints } from "./service";

/** Port 1 on loopback: nothing listens, so every connection is refused, like a stopped node. */
const STOPPED_NODE = "127.0.0.1:1";

describe("appendPoints with Cassandra stopped", () => {
  let runner: TestUser;
  const startedAt = Date.now() - 10 * 60_000;
  const run = runEvents();

  beforeAll(async () => {
    runner = await signUpTestUser("stopped");
    await trpcClientFor(runner).activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(startedAt)] });
  });

  it("fails fast with 503 and changes nothing", async () => {
    const stopped = createCassandraClient({ ...cassandraSettingsFromEnv(), contactPoints: [STOPPED_NODE] }, { withKeyspace: true });
    const locationStore = async () => {
      await stopped.connect();
      return createLocationStore(stopped);
    };
    const before = await storedRun(run.activityId);
    const points = [{ id: randomUUID(), ts: startedAt + 1_000, lat: 37.5, lng: 127, altitude: null, accuracy: 5, speed: null }];
    const started = Date.now();
    const error = await appendPoints({ db: getDb(), locationStore }, runner.id, { activityId: run.activityId, points }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LocationStoreUnavailableError);
    expect((error as LocationStoreUnavailableError).trpcCode).toBe("SERVICE_UNAVAILABLE");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await storedRun(run.activityId)).toEqual(before);
    await stopped.shutdown().catch(() => undefined);
  });
});
