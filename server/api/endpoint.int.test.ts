/**
 * The tRPC endpoint's own rules, over HTTP (pages/api/trpc/[trpc].ts): bodies over 1 MiB are refused before
 * they are read, a mutation's answer is marked so that Next's compression leaves it alone, and a batched request
 * carries at most MAX_BATCH_CALLS calls.
 */
import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { MAX_BATCH_CALLS } from "@/server/api/batch-limit";
import { apiFetch } from "@/test-support/api-server";
import { signUpTestUser, trpcClientFor } from "@/test-support/integration";
import { runEvents } from "@/test-support/integration-runs";
import { waitForPoints } from "@/test-support/pipeline";

function upload(cookie: string, activityId: string, points: unknown[]) {
  return apiFetch("/api/trpc/activities.appendPoints", {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify(superjson.serialize({ activityId, points })),
  });
}

describe("the tRPC endpoint", () => {
  it("refuses a body over 1 MiB with 413 and stores nothing; a normal upload is acknowledged uncompressed", async () => {
    const runner = await signUpTestUser("endpoint");
    const run = runEvents();
    const startedAt = Date.now() - 60_000;
    await trpcClientFor(runner).activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(startedAt)] });
    // A valid-looking point padded with a 1.1 MiB field: the size alone must refuse it.
    const huge = { id: randomUUID(), ts: startedAt + 1_000, lat: 37.5, lng: 127, altitude: null, accuracy: 5, speed: null, pad: "x".repeat(1_150_000) };
    const refused = await upload(runner.cookie, run.activityId, [huge]);
    expect(refused.status).toBe(413);
    expect(await refused.text()).toMatch(/limit is 1048576/);

    const point = { id: randomUUID(), ts: startedAt + 2_000, lat: 37.5, lng: 127, altitude: null, accuracy: 5, speed: null };
    const accepted = await upload(runner.cookie, run.activityId, [point]);
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get("cache-control")).toBe("no-store, no-transform");
    // Behind the refused body in the run's partition, had it been sent: only the accepted point is there.
    expect((await waitForPoints(run.activityId, [point.id])).map((p) => p.id)).toEqual([point.id]);
  });

  it(`answers a batch of more than ${MAX_BATCH_CALLS} calls, GET or POST, with a 400 giving the bound`, async () => {
    const paths = (n: number, path: string) => Array.from({ length: n }, () => path).join(",");
    const atMost = await apiFetch(`/api/trpc/${paths(MAX_BATCH_CALLS, "courses.programs")}?batch=1`);
    expect(atMost.status).toBe(200);
    expect(await atMost.json()).toHaveLength(MAX_BATCH_CALLS);
    const tooMany = await apiFetch(`/api/trpc/${paths(MAX_BATCH_CALLS + 1, "courses.programs")}?batch=1`);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(await tooMany.json())).toContain(`batch: at most ${MAX_BATCH_CALLS} calls in one request`);
    const posted = await apiFetch(`/api/trpc/${paths(500, "friends.remove")}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(posted.status).toBe(400);
    expect(JSON.stringify(await posted.json())).toContain(`batch: at most ${MAX_BATCH_CALLS} calls`);
  });
});
