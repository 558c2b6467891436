/**
 * Batches of lifecycle events the server must refuse, through the real tRPC handler and PostgreSQL: each
 * gets an error that says why, and leaves the activity and its events exactly as they were.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunEvent } from "@/domain/run/events";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { expectTrpcError, runEvents, storedRun } from "@/test-support/integration-runs";

const MIN = 60_000;

describe("activities.syncEvents refuses", () => {
  let owner: TestUser;
  let stranger: TestUser;
  const t0 = Date.now() - 30 * MIN;
  const sync = (user: TestUser, activityId: string, events: RunEvent[]) =>
    trpcClientFor(user).activities.syncEvents.mutate({ activityId, events });

  /** Syncs `events` for a new run of the owner's and returns the run's builder, to continue it. */
  async function startedRun(build: (run: ReturnType<typeof runEvents>) => RunEvent[] = (run) => [run.start(t0)]) {
    const run = runEvents();
    await sync(owner, run.activityId, build(run));
    return run;
  }

  /** Expects the call to fail with `code` and `message`, and the run's rows to be unchanged by it. */
  /** Snapshots the stored run, then makes the call (not before: its rejection must find a handler waiting). */
  async function expectRefused(activityId: string, call: () => Promise<unknown>, code: string, message: RegExp) {
    const before = await storedRun(activityId);
    await expectTrpcError(call(), code, message);
    expect(await storedRun(activityId)).toEqual(before);
  }

  beforeAll(async () => {
    [owner, stranger] = await Promise.all([signUpTestUser("runner"), signUpTestUser("other")]);
  });

  it("resuming a completed run", async () => {
    const run = await startedRun((r) => [r.start(t0), r.finish(t0 + 10 * MIN)]);
    await expectRefused(
      run.activityId,
      () => sync(owner, run.activityId, [run.resume(t0 + 11 * MIN)]),
      "CONFLICT",
      /Cannot resume a run that is completed/,
    );
  });

  it("a finish before the start, and a finish earlier than the start", async () => {
    const run = runEvents();
    const finish = run.finish(t0 + MIN);
    await expectRefused(
      run.activityId,
      () => sync(owner, run.activityId, [{ ...finish, seq: 1 }, { ...run.start(t0), seq: 2 }]),
      "CONFLICT",
      /must begin with a start event, not finish/,
    );
    expect((await storedRun(run.activityId)).activity).toBeNull();
    const late = runEvents();
    await expectRefused(
      late.activityId,
      () => sync(owner, late.activityId, [late.start(t0), late.finish(t0 - MIN)]),
      "CONFLICT",
      /earlier than the event before it/,
    );
    expect((await storedRun(late.activityId)).activity).toBeNull();
  });

  it("a gap in the sequence, with nothing of the batch stored", async () => {
    const run = await startedRun();
    const pause = run.pause(t0 + MIN);
    await expectRefused(
      run.activityId,
      () => sync(owner, run.activityId, [pause, { ...run.resume(t0 + 2 * MIN), seq: 4 }]),
      "CONFLICT",
      /Event 4 arrived but 3 is next/,
    );
    expect((await sync(owner, run.activityId, [pause])).state.status).toBe("paused");
  });

  it("another runner's activity, even with a start of their own, as one that does not exist (NOT_FOUND)", async () => {
    const run = await startedRun();
    await expectRefused(run.activityId, () => sync(stranger, run.activityId, [run.pause(t0 + MIN)]), "NOT_FOUND", /^No activity /);
    const intruder = runEvents(run.activityId);
    await expectRefused(run.activityId, () => sync(stranger, run.activityId, [intruder.start(t0)]), "NOT_FOUND", /^No activity /);
  });

  it("an event id or sequence number already used with other content", async () => {
    const run = await startedRun();
    const pause = run.pause(t0 + MIN);
    await sync(owner, run.activityId, [pause]);
    await expectRefused(
      run.activityId,
      () => sync(owner, run.activityId, [{ ...pause, at: pause.at + 1_000 }]),
      "CONFLICT",
      /events\.0: event .* was already received as #2 pause/,
    );
    await expectRefused(
      run.activityId,
      () => sync(owner, run.activityId, [{ ...run.resume(t0 + 2 * MIN), seq: 2 }]),
      "CONFLICT",
      /events\.0\.seq: 2 is already taken by event/,
    );
    const other = await startedRun();
    await expectRefused(
      other.activityId,
      () => sync(owner, other.activityId, [{ ...pause, activityId: other.activityId }]),
      "CONFLICT",
      /events\.0\.id: event .* belongs to another run/,
    );
  });

  it("a batch whose events name another activity, or that does not start an unknown one", async () => {
    const run = await startedRun();
    const elsewhere = { ...run.pause(t0 + MIN), activityId: randomUUID() };
    await expectRefused(run.activityId, () => sync(owner, run.activityId, [elsewhere]), "BAD_REQUEST", /events\.0\.activityId/);
    const unknown = runEvents();
    unknown.start(t0);
    await expectRefused(unknown.activityId, () => sync(owner, unknown.activityId, [unknown.pause(t0)]), "NOT_FOUND", /No activity/);
    const nowhere = runEvents(randomUUID(), randomUUID());
    await expectRefused(nowhere.activityId, () => sync(owner, nowhere.activityId, [nowhere.start(t0)]), "NOT_FOUND", /No course/);
  });

  it("malformed events, naming the field (BAD_REQUEST)", async () => {
    const run = runEvents();
    const start = run.start(t0);
    await expectRefused(run.activityId, () => sync(owner, run.activityId, [{ ...start, seq: 0 }]), "BAD_REQUEST", /events\.0\.seq/);
    await expectRefused(
      run.activityId,
      () => sync(owner, run.activityId, [start, { ...run.finish(t0 + MIN), status: "abandoned" } as unknown as RunEvent]),
      "BAD_REQUEST",
      /events\.1\.status/,
    );
    const many = Array.from({ length: 51 }, (_, i) => ({ ...start, id: randomUUID(), seq: i + 1 }));
    await expectRefused(run.activityId, () => sync(owner, run.activityId, many), "BAD_REQUEST", /^events: /);
    await expectRefused(run.activityId, () => sync(owner, run.activityId, []), "BAD_REQUEST", /^events: /);
  });

  it("events dated beyond the server's clock tolerance, naming the field (BAD_REQUEST)", async () => {
    const future = runEvents();
    await expectRefused(
      future.activityId,
      () => sync(owner, future.activityId, [future.start(Date.UTC(2099, 0, 1))]),
      "BAD_REQUEST",
      /^events\.0\.at: 2099-01-01T00:00:00\.000Z is ahead of the server's clock/,
    );
    expect((await storedRun(future.activityId)).activity).toBeNull();
    const run = await startedRun();
    for (const late of [run.pause(Date.now() + 30 * 365 * 24 * 60 * MIN), run.finish(Date.now() + 3 * MIN)]) {
      await expectRefused(run.activityId, () => sync(owner, run.activityId, [{ ...late, seq: 2 }]), "BAD_REQUEST", /^events\.0\.at: /);
    }
    // Within the tolerance (a phone's clock a minute fast) is accepted, and the run can then finish.
    await sync(owner, run.activityId, [{ ...run.pause(Date.now() + MIN), seq: 2 }]);
    const finished = await sync(owner, run.activityId, [{ ...run.finish(Date.now() + MIN + 1_000), seq: 3 }]);
    expect(finished.state.status).toBe("completed");
  });
});
