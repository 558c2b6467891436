/**
 * The standalone upload API (no Next) over real HTTP: the same procedures, validation and answers as the
 * app's endpoint, the session from the same cookie, and nothing else served.
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { runEvents } from "@/test-support/integration-runs";
import { waitForPoints } from "@/test-support/pipeline";
import { createUploadServer } from "./upload-server";

const APP_ORIGIN = "http://app.example.test";

describe("the upload API", () => {
  const server = createUploadServer({ appOrigin: APP_ORIGIN, health: async () => ({ healthy: true, report: { kafka: "ok" } }) });
  let base: string;
  let runner: TestUser;
  const run = runEvents();
  const startedAt = Date.now() - 60_000;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    runner = await signUpTestUser("uploadapi");
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (procedure: string, input: unknown, cookie = runner.cookie, extra: Record<string, string> = {}) =>
    fetch(`${base}/api/trpc/${procedure}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, ...extra },
      body: JSON.stringify(superjson.serialize(input)),
    });

  it("takes a run's events and points with the app's session cookie, and the points reach Cassandra", async () => {
    const started = await post("activities.syncEvents", { activityId: run.activityId, events: [run.start(startedAt)] });
    expect(started.status).toBe(200);
    const points = [1, 2, 3].map((i) => ({ id: randomUUID(), ts: startedAt + i * 3_000, lat: 37.5, lng: 127, altitude: null, accuracy: 5, speed: null }));
    const answer = await post("activities.appendPoints", { activityId: run.activityId, points });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store, no-transform");
    expect((superjson.deserialize((await answer.json()).result.data) as { stored: string[] }).stored).toHaveLength(3);
    await waitForPoints(run.activityId, points.map((p) => p.id));
    // The app's own endpoint sees the same run: one database, one session.
    expect((await trpcClientFor(runner).activities.get.query({ id: run.activityId })).status).toBe("active");
  });

  it("refuses what the app refuses, the same way", async () => {
    const bad = await post("activities.appendPoints", { activityId: run.activityId, points: [{ id: "x", ts: 1, lat: 91, lng: 0, altitude: null, accuracy: null, speed: null }] });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/points\.0\.id/);
    const signedOut = await post("activities.appendPoints", { activityId: run.activityId, points: [] }, "");
    expect(signedOut.status).toBe(401);
    const huge = await fetch(`${base}/api/trpc/activities.appendPoints`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(1_100_000) });
    expect(huge.status).toBe(413);
  });

  it("serves the ingest procedures only, answers its health check, and CORS for the app's origin alone", async () => {
    expect((await post("activities.history", {})).status).toBe(404);
    expect((await fetch(`${base}/api/trpc/friends.list`)).status).toBe(404);
    expect((await fetch(`${base}/`)).status).toBe(404);
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ kafka: "ok" });
    const preflight = await fetch(`${base}/api/trpc/activities.appendPoints`, { method: "OPTIONS", headers: { origin: APP_ORIGIN } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(preflight.headers.get("access-control-allow-credentials")).toBe("true");
    const foreign = await fetch(`${base}/api/trpc/activities.appendPoints`, { method: "OPTIONS", headers: { origin: "http://evil.example" } });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });
});
