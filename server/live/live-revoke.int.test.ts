/**
 * Taking live access away while a follower's stream is open, on the real PostgreSQL, Redis and Kafka: the
 * notice (friends.remove, live.setDefault(false), live.chooseForRun(false)) ends the stream with `gone` within
 * seconds, though the production backstop is a minute; a follower still allowed keeps streaming through a
 * notice that names the runner; and the periodic check alone ends a stream whose access went without a notice.
 */
import { randomUUID } from "node:crypto";
import { and, eq, or } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/live/[runId]/events/route";
import { getDb } from "@/server/db";
import { friendships, user } from "@/server/db/schema";
import { respondToFriendRequest, sendFriendRequest } from "@/server/friends/friendships";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { runEvents } from "@/test-support/integration-runs";
import { sseReader, type SseMessage } from "@/test-support/sse";
import { openFollowStream } from "./follow-stream";
import { getLiveMetrics } from "./live-metrics";
import { mayFollowLive } from "./live-runs";
import { getLiveServices } from "./live-service";

const live = getLiveServices();
/** Well under ACCESS_CHECK_MS (a minute): only a notice can end a stream this soon. */
const WITHIN_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const has = (event: string) => (messages: SseMessage[]) => messages.some((m) => m.event === event);

async function befriend(a: TestUser, b: TestUser) {
  const [row] = await getDb().select({ username: user.username }).from(user).where(eq(user.id, b.id));
  await sendFriendRequest(getDb(), a.id, { username: row!.username! });
  await respondToFriendRequest(getDb(), b.id, { userId: a.id, action: "accept" });
}

/** A run of `owner` that has started; shared live by its own choice, or by the owner's default when `choice` is null. */
async function startRun(owner: TestUser, choice: boolean | null) {
  const runId = randomUUID();
  const client = trpcClientFor(owner);
  if (choice !== null) await client.live.chooseForRun.mutate({ activityId: runId, followable: choice });
  await client.activities.syncEvents.mutate({ activityId: runId, events: [runEvents(runId).start(Date.now() - 60_000)] });
  return runId;
}

/** Follows through the route, as the browser does, and waits for the snapshot (the stream then watches access). */
async function follow(viewer: TestUser, runId: string) {
  const request = new Request(`http://localhost/api/live/${runId}/events`, { headers: { cookie: viewer.cookie } });
  const response = await GET(request, { params: Promise.resolve({ runId }) });
  expect(response.status).toBe(200);
  const stream = sseReader(response);
  expect(await stream.waitFor(has("snapshot"))).toBe(true);
  await sleep(300); // the check made once the stream subscribed to notices is over: only a later one can end it
  return stream;
}

async function expectGoneSoon(stream: ReturnType<typeof sseReader>, since: number) {
  expect(await stream.waitFor(has("gone"), WITHIN_MS)).toBe(true);
  expect(await stream.waitForEnd(1_000)).toBe(true);
  expect(Date.now() - since).toBeLessThan(WITHIN_MS);
  expect(stream.messages.at(-1)!.event).toBe("gone");
}

/** The app server's live metrics as a scrape would read them. */
async function followersOpen() {
  return (await getLiveMetrics()!.followers.get()).values[0]?.value ?? 0;
}
async function streamsEnded(reason: string) {
  return (await getLiveMetrics()!.streamsEnded.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;
}

async function statusFor(viewer: TestUser, runId: string) {
  const request = new Request(`http://localhost/api/live/${runId}/events`, { headers: { cookie: viewer.cookie } });
  const response = await GET(request, { params: Promise.resolve({ runId }) });
  await response.body?.cancel();
  return response.status;
}

describe.skipIf(!live)("live access taken away while a stream is open", () => {
  let owner: TestUser;
  let friend: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    [owner, friend, other] = await Promise.all([signUpTestUser("revoker"), signUpTestUser("revoked"), signUpTestUser("kept")]);
  });

  it("ends the stream with `gone` within seconds when the runner removes the friend", async () => {
    await befriend(friend, owner);
    const runId = await startRun(owner, true);
    const [openBefore, goneBefore] = [await followersOpen(), await streamsEnded("gone")];
    const stream = await follow(friend, runId);
    expect(await followersOpen()).toBe(openBefore + 1);
    const since = Date.now();
    await trpcClientFor(owner).friends.remove.mutate({ userId: friend.id });
    await expectGoneSoon(stream, since);
    expect(await statusFor(friend, runId)).toBe(404);
    // What an operator sees of it (server/live/live-metrics.ts).
    expect(await followersOpen()).toBe(openBefore);
    expect(await streamsEnded("gone")).toBe(goneBefore + 1);
  });

  it("ends the stream when the runner turns the live default off, for a run without a choice of its own", async () => {
    await befriend(friend, owner);
    await trpcClientFor(owner).live.setDefault.mutate({ followable: true });
    const runId = await startRun(owner, null);
    const stream = await follow(friend, runId);
    const since = Date.now();
    await trpcClientFor(owner).live.setDefault.mutate({ followable: false });
    await expectGoneSoon(stream, since);
    expect(await statusFor(friend, runId)).toBe(404);
  });

  it("ends the stream when the runner stops sharing this run", async () => {
    const runId = await startRun(owner, true);
    const stream = await follow(friend, runId);
    const since = Date.now();
    await trpcClientFor(owner).live.chooseForRun.mutate({ activityId: runId, followable: false });
    await expectGoneSoon(stream, since);
  });

  it("keeps streaming to a friend still allowed through a notice that names the runner and someone else", async () => {
    await befriend(other, owner);
    const runId = await startRun(owner, true);
    const kept = await follow(other, runId);
    const cut = await follow(friend, runId); // still a friend from the tests above
    const since = Date.now();
    await trpcClientFor(owner).friends.remove.mutate({ userId: friend.id }); // names the owner and the friend
    await expectGoneSoon(cut, since);
    await sleep(1_000); // the kept stream has checked again by now
    expect(kept.ended).toBe(false);
    // And it still carries the run: a new batch reaches it.
    const startedAt = Date.now() - 30_000;
    const points = Array.from({ length: 5 }, (_, s) => ({ id: randomUUID(), ts: startedAt + s * 1000, lat: 37.5 + s * 0.00003, lng: 126.9, altitude: null, accuracy: 4, speed: 3 }));
    await trpcClientFor(owner).activities.appendPoints.mutate({ activityId: runId, points });
    expect(await kept.waitFor(has("update"), 15_000)).toBe(true);
    expect(kept.messages.some((m) => m.event === "gone")).toBe(false);
    await kept.cancel();
  });

  it("ends a stream whose access went without any notice, at its periodic check", async () => {
    await befriend(friend, owner);
    const runId = await startRun(owner, true);
    const controller = new AbortController();
    const body = await openFollowStream(
      { ...live!, lifetimeMs: 60_000, mayFollow: mayFollowLive(getDb()), accessCheckMs: 400 },
      { activityId: runId, viewerId: friend.id, ownerId: owner.id, lastEventId: null, finished: false, signal: controller.signal },
    );
    const stream = sseReader(new Response(body));
    expect(await stream.waitFor(has("snapshot"))).toBe(true);
    await sleep(800);
    expect(stream.ended).toBe(false); // checked at least once more, still allowed
    // Straight in PostgreSQL: no procedure, so no notice.
    const pair = or(and(eq(friendships.requesterId, friend.id), eq(friendships.addresseeId, owner.id)), and(eq(friendships.requesterId, owner.id), eq(friendships.addresseeId, friend.id)));
    await getDb().delete(friendships).where(pair);
    expect(await stream.waitFor(has("gone"), 2_000)).toBe(true);
    expect(await stream.waitForEnd(1_000)).toBe(true);
  });
});
