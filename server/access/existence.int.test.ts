/**
 * A stranger learns nothing about another runner's run from any procedure that takes an activity id: every one
 * answers exactly as for an id nobody has (same status, code and words but the id). Issue 16, class 7.
 */
import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import { apiFetch } from "@/test-support/api-server";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { runEvents } from "@/test-support/integration-runs";

const MIN = 60_000;

describe("another runner's run is answered as one that does not exist", () => {
  let owner: TestUser;
  let stranger: TestUser;
  const run = runEvents();
  const t0 = Date.now() - 10 * MIN;

  beforeAll(async () => {
    [owner, stranger] = await Promise.all([signUpTestUser("exists"), signUpTestUser("prober")]);
    await trpcClientFor(owner).activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(t0), run.finish(t0 + MIN)] });
  });

  const point = { id: randomUUID(), ts: t0 + 1_000, lat: 37.5, lng: 127, altitude: null, accuracy: 5, speed: null };
  const calls: [string, "query" | "mutation", (id: string) => unknown][] = [
    ["activities.get", "query", (id) => ({ id })],
    ["activities.detail", "query", (id) => ({ id })],
    ["activities.elevationProfile", "query", (id) => ({ id })],
    ["activities.exportGpx", "query", (id) => ({ id })],
    ["activities.appendPoints", "mutation", (id) => ({ activityId: id, points: [point] })],
    ["activities.syncEvents", "mutation", (id) => ({ activityId: id, events: [{ ...run.pause(t0 + 2 * MIN), activityId: id, seq: 3 }] })],
  ];

  async function call(path: string, type: "query" | "mutation", input: unknown) {
    const body = JSON.stringify(superjson.serialize(input));
    const response =
      type === "query"
        ? await apiFetch(`/api/trpc/${path}?input=${encodeURIComponent(body)}`, { headers: { cookie: stranger.cookie } })
        : await apiFetch(`/api/trpc/${path}`, { method: "POST", headers: { cookie: stranger.cookie, "content-type": "application/json" }, body });
    return { status: response.status, text: await response.text() };
  }

  it.each(calls)("%s", async (path, type, input) => {
    const nobodys = randomUUID();
    const foreign = await call(path, type, input(run.activityId));
    const missing = await call(path, type, input(nobodys));
    expect(foreign.status).toBe(404);
    expect(foreign.text.replaceAll(run.activityId, "<id>")).toBe(missing.text.replaceAll(nobodys, "<id>"));
  });
});
