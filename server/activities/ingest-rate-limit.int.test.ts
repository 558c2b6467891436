/**
 * Over the real HTTP handler: a runner who uploads faster than the budget (INGEST_BATCHES_PER_MINUTE,
 * 120 by default) gets 429 with Retry-After, and the refused batch stores nothing.
 * With REDIS_URL set (as `npm test` does, for live runs) the budget is kept in Redis; the batches sent while the
 * server's Redis client is still connecting count in the in-memory insurance limiter instead, so the refusal
 * may come a few batches past the budget, never before it.
 */
import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { env } from "@/server/env";
import { apiFetch } from "@/test-support/api-server";
import { signUpTestUser, trpcClientFor } from "@/test-support/integration";
import { runEvents } from "@/test-support/integration-runs";
import { waitForPoints } from "@/test-support/pipeline";

function appendRequest(cookie: string, activityId: string, ts: number) {
  const point = { id: randomUUID(), ts, lat: 37.5, lng: 127, altitude: null, accuracy: 5, speed: null };
  return {
    point,
    request: {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify(superjson.serialize({ activityId, points: [point] })),
    },
  };
}

describe("ingest rate limit", () => {
  it("answers 429 with Retry-After past the budget and stores nothing of the refused batch", async () => {
    const runner = await signUpTestUser("limited");
    const startedAt = Date.now() - 60_000;
    const run = runEvents();
    await trpcClientFor(runner).activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(startedAt)] });
    const activityId = run.activityId;
    const budget = env().INGEST_BATCHES_PER_MINUTE;

    let refused: { response: Response; pointId: string } | null = null;
    const accepted: string[] = [];
    for (let i = 0; i <= 2 * budget && !refused; i++) {
      const { point, request } = appendRequest(runner.cookie, activityId, startedAt + i);
      const response = await apiFetch("/api/trpc/activities.appendPoints", request);
      if (response.status === 429) refused = { response, pointId: point.id };
      else {
        expect(response.status).toBe(200);
        accepted.push(point.id);
      }
    }
    expect(refused).not.toBeNull();
    expect(accepted.length).toBeGreaterThanOrEqual(budget);
    const retryAfter = Number(refused!.response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // The refused batch was sent after every accepted one, into the same partition: once those are in
    // Cassandra it would be too.
    const stored = await waitForPoints(activityId, accepted);
    expect(stored).toHaveLength(accepted.length);
    expect(stored.some((p) => p.id === refused!.pointId)).toBe(false);
  });
});
