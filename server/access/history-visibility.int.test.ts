/**
 * Every history procedure, asked by everyone who might ask: the owner, an accepted friend, a pending friend
 * (either direction), a stranger and a signed-out visitor; through the app's real tRPC handler, PostgreSQL and
 * Cassandra. Anyone who may not see the runs gets NOT_FOUND from every one of them (UNAUTHORIZED when signed
 * out), so a guessed id or username reveals nothing.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { user } from "@/server/db/schema";
import { listFriends, respondToFriendRequest, sendFriendRequest } from "@/server/friends/friendships";
import { updatePrivacySettings } from "@/server/friends/privacy";
import { waitForRecord } from "@/test-support/pipeline";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { expectTrpcError, runEvents } from "@/test-support/integration-runs";

async function usernameOf(runner: TestUser) {
  const [row] = await getDb().select({ username: user.username }).from(user).where(eq(user.id, runner.id));
  return row!.username!;
}

/** Every history procedure, asked about `owner`'s runs and about the run `runId`. */
function everyProcedure(client: ReturnType<typeof trpcClientFor>, ownerId: string, username: string, runId: string) {
  return {
    history: () => client.activities.history.query({ ownerId }),
    monthlyTotals: () => client.activities.monthlyTotals.query({ ownerId, timeZone: "Asia/Seoul" }),
    weeklyTotals: () => client.activities.weeklyTotals.query({ ownerId }),
    historyPrograms: () => client.activities.historyPrograms.query({ ownerId }),
    runner: () => client.activities.runner.query({ username }),
    detail: () => client.activities.detail.query({ id: runId }),
    elevationProfile: () => client.activities.elevationProfile.query({ id: runId }),
    exportGpx: () => client.activities.exportGpx.query({ id: runId }),
  };
}
type Procedure = keyof ReturnType<typeof everyProcedure>;
const PROCEDURES: Procedure[] = ["history", "monthlyTotals", "weeklyTotals", "historyPrograms", "runner", "detail", "elevationProfile", "exportGpx"];

describe("who sees a runner's history, procedure by procedure", () => {
  let owner: TestUser;
  let friend: TestUser;
  let asking: TestUser;
  let asked: TestUser;
  let stranger: TestUser;
  let username: string;
  const runId = randomUUID();

  beforeAll(async () => {
    [owner, friend, asking, asked, stranger] = await Promise.all([
      signUpTestUser("owner"),
      signUpTestUser("friend"),
      signUpTestUser("asking"),
      signUpTestUser("asked"),
      signUpTestUser("stranger"),
    ]);
    username = await usernameOf(owner);
    await sendFriendRequest(getDb(), friend.id, { username });
    await respondToFriendRequest(getDb(), owner.id, { userId: friend.id, action: "accept" });
    await sendFriendRequest(getDb(), asking.id, { username }); // pending: asked the owner, no answer yet
    await sendFriendRequest(getDb(), owner.id, { username: await usernameOf(asked) }); // pending: the owner asked

    const client = trpcClientFor(owner);
    const run = runEvents(runId);
    const startedAt = Date.now() - 3_600_000;
    await client.activities.syncEvents.mutate({ activityId: runId, events: [run.start(startedAt)] });
    const points = Array.from({ length: 30 }, (_, k) => ({
      id: randomUUID(),
      ts: startedAt + 5_000 * (k + 1),
      lat: 37.5 + k * 0.000135,
      lng: 126.9,
      altitude: 10 + k,
      accuracy: 4,
      speed: 3,
    }));
    await client.activities.appendPoints.mutate({ activityId: runId, points });
    await client.activities.syncEvents.mutate({ activityId: runId, events: [run.finish(startedAt + 200_000)] });
    await waitForRecord(runId);
  }, 60_000);

  const ask = (viewer: TestUser | null) => everyProcedure(trpcClientFor(viewer), owner.id, username, runId);

  it("the owner gets every one, the whole route and the GPX", async () => {
    const calls = ask(owner);
    expect((await calls.history()).items.map((item) => item.id)).toEqual([runId]);
    expect((await calls.monthlyTotals()).at(-1)!.runs).toBe(1);
    expect((await calls.weeklyTotals()).at(-1)!.runs).toBe(1);
    expect(await calls.historyPrograms()).toHaveLength(1);
    expect(await calls.runner()).toMatchObject({ id: owner.id, isOwner: true });
    expect(await calls.detail()).toMatchObject({ isOwner: true, routeTrimmed: false, canExportGpx: true });
    expect((await calls.elevationProfile()).length).toBe(30);
    expect((await calls.exportGpx()).pointCount).toBe(30);
  });

  it("an accepted friend reads every one but the raw GPX, and sees the route without its ends", async () => {
    const calls = ask(friend);
    expect((await calls.history()).items.map((item) => item.id)).toEqual([runId]);
    expect((await calls.monthlyTotals()).at(-1)!.runs).toBe(1);
    expect((await calls.weeklyTotals()).at(-1)!.runs).toBe(1);
    expect(await calls.historyPrograms()).toHaveLength(1);
    expect(await calls.runner()).toMatchObject({ id: owner.id, isOwner: false });
    const detail = await calls.detail();
    expect(detail).toMatchObject({ isOwner: false, routeTrimmed: true, canExportGpx: false });
    // About 470 m of track; 200 m off each end leaves about 70 m of it.
    const shown = detail.record!.route.flat().length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(10);
    expect((await calls.elevationProfile()).length).toBeGreaterThan(0);
    await expectTrpcError(calls.exportGpx(), "FORBIDDEN");
    const { friends } = await listFriends(getDb(), friend.id);
    expect(friends.map((f) => [f.userId, f.sharesRuns])).toEqual([[owner.id, true]]);
  });

  const refusedBy = (who: string, viewer: () => TestUser | null, code: "NOT_FOUND" | "UNAUTHORIZED") =>
    it(`${who}: ${code} from every procedure`, async () => {
      const calls = ask(viewer());
      for (const name of PROCEDURES) await expectTrpcError(calls[name](), code);
    });

  refusedBy("a pending friend who asked", () => asking, "NOT_FOUND");
  refusedBy("a pending friend who was asked", () => asked, "NOT_FOUND");
  refusedBy("a stranger", () => stranger, "NOT_FOUND");
  refusedBy("a signed-out visitor", () => null, "UNAUTHORIZED");

  it("an unknown username and an unknown run id are answered the same NOT_FOUND", async () => {
    const client = trpcClientFor(stranger);
    await expectTrpcError(client.activities.runner.query({ username: "nobody-has-this-name" }), "NOT_FOUND");
    await expectTrpcError(client.activities.detail.query({ id: randomUUID() }), "NOT_FOUND");
  });

  it("a friend sees nothing once the owner keeps runs to themselves, and the friend list says so", async () => {
    await updatePrivacySettings(getDb(), owner.id, { runVisibility: "private" });
    try {
      const calls = ask(friend);
      for (const name of PROCEDURES) await expectTrpcError(calls[name](), "NOT_FOUND");
      const { friends } = await listFriends(getDb(), friend.id);
      expect(friends[0]!.sharesRuns).toBe(false);
    } finally {
      await updatePrivacySettings(getDb(), owner.id, { runVisibility: "friends" });
    }
  });
});
