/**
 * Live runs through the real pipeline: uploads go through tRPC to Kafka, the worker's live fan-out folds them
 * into Redis, and the SSE route handler serves followers. Needs REDIS_URL (and LIVE_REDIS_PREFIX) in the
 * environment of the test run, which the worker inherits.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/live/[runId]/events/route";
import { getDb } from "@/server/db";
import { user } from "@/server/db/schema";
import { respondToFriendRequest, sendFriendRequest } from "@/server/friends/friendships";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { expectTrpcError, runEvents } from "@/test-support/integration-runs";
import { readSse, type SseMessage } from "@/test-support/sse";
import { getLiveServices } from "./live-service";

const live = getLiveServices();

async function usernameOf(runner: TestUser) {
  const [row] = await getDb().select({ username: user.username }).from(user).where(eq(user.id, runner.id));
  return row!.username!;
}

function follow(viewer: TestUser | null, runId: string, lastEventId?: string) {
  const headers = new Headers();
  if (viewer) headers.set("cookie", viewer.cookie);
  if (lastEventId !== undefined) headers.set("last-event-id", lastEventId);
  const controller = new AbortController();
  const request = new Request(`http://localhost/api/live/${runId}/events`, { headers, signal: controller.signal });
  return { response: GET(request, { params: Promise.resolve({ runId }) }), abort: () => controller.abort() };
}

function points(startedAt: number, fromS: number, toS: number) {
  return Array.from({ length: toS - fromS + 1 }, (_, k) => {
    const s = fromS + k;
    return { id: randomUUID(), ts: startedAt + s * 1000, lat: 37.5 + (s * 3) / 111_195, lng: 126.9, altitude: null, accuracy: 4, speed: 3 };
  });
}

const seqOf = (message: SseMessage) => (message.data as { seq: number }).seq;

describe.skipIf(!live)("live runs", () => {
  let owner: TestUser;
  let friend: TestUser;
  let pending: TestUser;
  let stranger: TestUser;
  const liveRun = randomUUID();
  const privateRun = randomUUID();
  let startedAt: number;

  beforeAll(async () => {
    [owner, friend, pending, stranger] = await Promise.all([signUpTestUser("owner"), signUpTestUser("friend"), signUpTestUser("pending"), signUpTestUser("stranger")]);
    const username = await usernameOf(owner);
    await sendFriendRequest(getDb(), friend.id, { username });
    await respondToFriendRequest(getDb(), owner.id, { userId: friend.id, action: "accept" });
    await sendFriendRequest(getDb(), pending.id, { username });

    const client = trpcClientFor(owner);
    startedAt = Date.now() - 100_000;
    // The choice may come before the run's start reaches the server (the start screen sends it at once).
    await client.live.chooseForRun.mutate({ activityId: liveRun, followable: true });
    for (const id of [liveRun, privateRun]) await client.activities.syncEvents.mutate({ activityId: id, events: [runEvents(id).start(startedAt)] });
    await client.activities.appendPoints.mutate({ activityId: liveRun, points: points(startedAt, 0, 80) });
    await client.activities.appendPoints.mutate({ activityId: privateRun, points: points(startedAt, 0, 80) });
    // The fan-out has folded the first batch once a snapshot has stats.
    const deadline = Date.now() + 15_000;
    while (!(await live!.store.snapshot(liveRun))?.stats && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }, 60_000);

  it("answers not-found alike to strangers, pending friends, signed-out visitors, guessed ids and runs not shared live", async () => {
    const cases: [TestUser | null, string][] = [
      [stranger, liveRun],
      [pending, liveRun],
      [null, liveRun],
      [friend, randomUUID()],
      [friend, "not-a-uuid"],
      [friend, privateRun],
    ];
    for (const [viewer, runId] of cases) {
      const response = await follow(viewer, runId).response;
      expect(response.status, `${viewer === null ? "signed out" : viewer === friend ? "friend" : "other"} on ${runId}`).toBe(404);
      expect(await response.text()).toBe("Not found");
    }
  });

  it("keeps nothing in Redis for a run not shared live", async () => {
    expect(await live!.store.load(privateRun)).toBeNull();
  });

  it("refuses another runner's choice for someone else's run", async () => {
    await expectTrpcError(trpcClientFor(stranger).live.chooseForRun.mutate({ activityId: liveRun, followable: true }), "NOT_FOUND");
  });

  it("sends a friend a snapshot, then each new batch, and resumes after Last-Event-ID", async () => {
    const first = follow(friend, liveRun);
    const response = await first.response;
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const client = trpcClientFor(owner);
    const reading = readSse(response, (messages) => messages.some((m) => m.event === "update"));
    await new Promise((r) => setTimeout(r, 300));
    await client.activities.appendPoints.mutate({ activityId: liveRun, points: points(startedAt, 81, 95) });
    const messages = await reading;
    expect(messages[0]!.event).toBe("snapshot");
    const snapshot = messages[0]!.data as { seq: number; route: [number, number][][]; stats: { distanceMeters: number } };
    expect(snapshot.route.flat().length).toBeGreaterThan(0);
    const update = messages.find((m) => m.event === "update")!;
    expect(seqOf(update)).toBe(snapshot.seq + 1);
    expect(update.id).toBe(String(seqOf(update)));

    // Two more batches while the follower is away; it comes back with the id of the snapshot.
    await client.activities.appendPoints.mutate({ activityId: liveRun, points: points(startedAt, 96, 97) });
    await client.activities.appendPoints.mutate({ activityId: liveRun, points: points(startedAt, 98, 99) });
    const deadline = Date.now() + 10_000;
    while (((await live!.store.snapshot(liveRun))?.seq ?? 0) < snapshot.seq + 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const again = await readSse((await follow(friend, liveRun, String(snapshot.seq)).response), (m) => m.length >= 3);
    expect(again.map((m) => m.event)).toEqual(["update", "update", "update"]);
    expect(again.map(seqOf)).toEqual([snapshot.seq + 1, snapshot.seq + 2, snapshot.seq + 3]);
  });

  it("gives a follower with an id the stream no longer holds (or never had) a snapshot", async () => {
    const messages = await readSse((await follow(friend, liveRun, "999999").response), (m) => m.length >= 1);
    expect(messages[0]!.event).toBe("snapshot");
  });

  it("lets the runner follow their own run", async () => {
    const messages = await readSse((await follow(owner, liveRun).response), (m) => m.length >= 1);
    expect(messages[0]!.event).toBe("snapshot");
  });

  it("ends every stream with the finish", async () => {
    const response = await follow(friend, liveRun).response;
    const reading = readSse(response, (m) => m.some((x) => x.event === "finished" || (x.event === "snapshot" && (x.data as { finished: boolean }).finished)));
    await new Promise((r) => setTimeout(r, 300));
    const run = runEvents(liveRun);
    run.start(startedAt); // seq 1 taken by the start above
    await trpcClientFor(owner).activities.syncEvents.mutate({ activityId: liveRun, events: [run.finish(Date.now() - 1_000)] });
    const messages = await reading;
    expect(messages.at(-1)!.event).toBe("finished");
    // Afterwards a new follower is told at once, and the route is gone from Redis.
    const later = await readSse((await follow(friend, liveRun).response), (m) => m.length >= 1);
    expect(later[0]).toMatchObject({ event: "snapshot", data: { finished: true, route: [] } });
  });
});

describe.skipIf(!live)("cheers", () => {
  let owner: TestUser;
  let friend: TestUser;
  let stranger: TestUser;
  const runId = randomUUID();
  let startedAt: number;

  beforeAll(async () => {
    [owner, friend, stranger] = await Promise.all([signUpTestUser("cheered"), signUpTestUser("cheerer"), signUpTestUser("nobody")]);
    await sendFriendRequest(getDb(), friend.id, { username: await usernameOf(owner) });
    await respondToFriendRequest(getDb(), owner.id, { userId: friend.id, action: "accept" });
    await trpcClientFor(owner).live.setDefault.mutate({ followable: true }); // the default, no per-run choice
    startedAt = Date.now() - 60_000;
    await trpcClientFor(owner).activities.syncEvents.mutate({ activityId: runId, events: [runEvents(runId).start(startedAt)] });
  });

  it("delivers a retried cheer once, in the upload's answer, until the phone acknowledges it", async () => {
    const cheerId = randomUUID();
    const cheerer = trpcClientFor(friend);
    expect(await cheerer.live.cheer.mutate({ activityId: runId, cheerId, kind: "go" })).toEqual({ cheerId, duplicate: false });
    expect(await cheerer.live.cheer.mutate({ activityId: runId, cheerId, kind: "go" })).toEqual({ cheerId, duplicate: true });

    const phone = trpcClientFor(owner);
    const first = await phone.activities.appendPoints.mutate({ activityId: runId, points: points(startedAt, 0, 2) });
    expect(first.live?.cheers.map((c) => c.id)).toEqual([cheerId]);
    expect(first.live?.cheers[0]).toMatchObject({ kind: "go", fromName: expect.stringMatching(/^cheerer/) });
    // Not acknowledged yet: the next answer says it again.
    const again = await phone.activities.appendPoints.mutate({ activityId: runId, points: points(startedAt, 3, 4) });
    expect(again.live?.cheers.map((c) => c.id)).toEqual([cheerId]);
    const acked = await phone.activities.appendPoints.mutate({ activityId: runId, points: points(startedAt, 5, 6), ackCheers: [cheerId] });
    expect(acked.live?.cheers ?? []).toEqual([]);
    // A retry after delivery is still the same cheer: not queued a second time.
    expect(await cheerer.live.cheer.mutate({ activityId: runId, cheerId, kind: "go" })).toEqual({ cheerId, duplicate: true });
    const after = await phone.activities.appendPoints.mutate({ activityId: runId, points: points(startedAt, 7, 8) });
    expect(after.live?.cheers ?? []).toEqual([]);
  });

  it("bounds cheers per follower per minute", async () => {
    const cheerer = trpcClientFor(friend);
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(
        await cheerer.live.cheer.mutate({ activityId: runId, cheerId: randomUUID(), kind: "strong" }).then(
          () => "sent",
          (e: unknown) => ((e as { data?: { code?: string } }).data?.code ?? "error"),
        ),
      );
    }
    // One was sent by the test above, in the same minute.
    expect(outcomes.filter((o) => o === "sent").length).toBe(4);
    expect(outcomes.at(-1)).toBe("TOO_MANY_REQUESTS");
  });

  it("refuses a stranger's cheer as not found", async () => {
    await expectTrpcError(trpcClientFor(stranger).live.cheer.mutate({ activityId: runId, cheerId: randomUUID(), kind: "go" }), "NOT_FOUND");
  });

  it("tells the phone someone follows (its cadence shortens)", async () => {
    const response = await follow(friend, runId).response;
    expect(response.status).toBe(200);
    const reading = readSse(response, (m) => m.length >= 1);
    await reading;
    // The follower registration lasts past the closed stream only until its leave: ask while one is open.
    const open = follow(friend, runId);
    const body = (await open.response).body!.getReader();
    await body.read();
    const answer = await trpcClientFor(owner).activities.appendPoints.mutate({ activityId: runId, points: points(startedAt, 9, 10) });
    expect(answer.live?.followers).toBe(1);
    await body.cancel();
  });
});
