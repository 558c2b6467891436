/**
 * The upload tier's cache of who owns a run and its window, against the real PostgreSQL: what it may serve
 * from memory and for how long (ingest-access.ts says why each rule keeps other runners out).
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { activities } from "@/server/db/schema";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { runEvents } from "@/test-support/integration-runs";
import { createIngestAccess, FINISHED_RUN_TTL_MS, OPEN_RUN_TTL_MS } from "./ingest-access";

describe("ingest access cache", () => {
  let runner: TestUser;
  let clock = 1_000_000;
  const now = () => clock;

  beforeAll(async () => {
    runner = await signUpTestUser("access");
  });

  it("never remembers a run that does not exist yet", async () => {
    const access = createIngestAccess({ now });
    const run = runEvents();
    expect(await access.get(getDb(), run.activityId)).toBeNull();
    await trpcClientFor(runner).activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(Date.now() - 60_000)] });
    expect(await access.get(getDb(), run.activityId)).toMatchObject({ id: run.activityId, userId: runner.id, finishedAt: null });
  });

  it("keeps an open run a few seconds only, and a finished one for minutes", async () => {
    const access = createIngestAccess({ now });
    const run = runEvents();
    const client = trpcClientFor(runner);
    await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(Date.now() - 60_000)] });
    expect((await access.get(getDb(), run.activityId))?.finishedAt).toBeNull();
    // Finished through another server: this cache still has it open, until its short life ends.
    await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.finish(Date.now() - 1_000)] });
    expect((await access.get(getDb(), run.activityId))?.finishedAt).toBeNull();
    clock += OPEN_RUN_TTL_MS + 1;
    const finished = await access.get(getDb(), run.activityId);
    expect(finished?.finishedAt).toBeInstanceOf(Date);
    // A finished run's window never changes again: served from memory for minutes (shown by removing the row).
    await getDb().delete(activities).where(eq(activities.id, run.activityId));
    clock += FINISHED_RUN_TTL_MS - 1_000;
    expect((await access.get(getDb(), run.activityId))?.finishedAt).toEqual(finished?.finishedAt);
    clock += 2_000;
    expect(await access.get(getDb(), run.activityId)).toBeNull();
  });

  it("forgets a run when told, so a finish on this server closes its window at once", async () => {
    const access = createIngestAccess({ now });
    const run = runEvents();
    const client = trpcClientFor(runner);
    await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(Date.now() - 60_000)] });
    expect((await access.get(getDb(), run.activityId))?.finishedAt).toBeNull();
    await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.finish(Date.now() - 1_000)] });
    access.forget(run.activityId);
    expect((await access.get(getDb(), run.activityId))?.finishedAt).toBeInstanceOf(Date);
  });
});
