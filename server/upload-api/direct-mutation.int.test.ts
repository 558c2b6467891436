/**
 * The upload API's direct path answers exactly what tRPC's standalone adapter answers: the same requests go
 * to one server with the direct path and one without, and status, body and the headers a client reads must
 * be equal — for an accepted batch, a run event, and each kind of refusal.
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpTestUser, type TestUser } from "@/test-support/integration";
import { runEvents } from "@/test-support/integration-runs";
import { waitForPoints } from "@/test-support/pipeline";
import { MAX_BATCH_CALLS } from "../api/batch-limit";
import { createUploadServer } from "./upload-server";

const health = async () => ({ healthy: true, report: {} });

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | null>;
}

const COMPARED_HEADERS = ["content-type", "cache-control", "retry-after", "vary"];

describe("the upload API's direct mutation path", () => {
  const direct = createUploadServer({ appOrigin: "http://app.test", health });
  const standard = createUploadServer({ appOrigin: "http://app.test", health, direct: false });
  let bases: { direct: string; standard: string };
  let runner: TestUser;
  const run = runEvents();
  const startedAt = Date.now() - 60_000;

  beforeAll(async () => {
    bases = { direct: await listen(direct), standard: await listen(standard) };
    runner = await signUpTestUser("directpath");
  });
  afterAll(async () => {
    await Promise.all([direct, standard].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  });

  async function send(base: string, path: string, body: string, headers: Record<string, string>): Promise<Answer> {
    const response = await fetch(`${base}/api/trpc/${path}`, { method: "POST", headers, body });
    return {
      status: response.status,
      body: await response.text(),
      headers: Object.fromEntries(COMPARED_HEADERS.map((name) => [name, response.headers.get(name)])),
    };
  }

  /** Sends the request to both servers and expects one answer; returns it. */
  async function bothAnswer(path: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
    const all = { "content-type": "application/json", cookie: runner.cookie, ...headers };
    const fromDirect = await send(bases.direct, path, body, all);
    const fromStandard = await send(bases.standard, path, body, all);
    expect(fromDirect).toEqual(fromStandard);
    return fromDirect;
  }

  const json = (input: unknown) => JSON.stringify(superjson.serialize(input));
  const point = (i: number) => ({ id: randomUUID(), ts: startedAt + i * 3_000, lat: 37.5, lng: 127, altitude: 30, accuracy: 5, speed: 2.8 });

  it("accepts a run's event and its points with the adapter's answer, and the points reach Cassandra", async () => {
    const started = await bothAnswer("activities.syncEvents", json({ activityId: run.activityId, events: [run.start(startedAt)] }));
    expect(started.status).toBe(200);
    const points = [1, 2, 3].map(point);
    const stored = await bothAnswer("activities.appendPoints", json({ activityId: run.activityId, points }));
    expect(stored.status).toBe(200);
    expect(stored.headers["cache-control"]).toBe("no-store, no-transform");
    expect(superjson.deserialize(JSON.parse(stored.body).result.data)).toEqual({ stored: points.map((p) => p.id) });
    await waitForPoints(run.activityId, points.map((p) => p.id));
  });

  it("refuses bad input, a stranger, a missing session and a run that does not exist the same way", async () => {
    const invalid = await bothAnswer("activities.appendPoints", json({ activityId: run.activityId, points: [{ ...point(4), lat: 91 }] }));
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatch(/points\.0\.lat/);
    const signedOut = await bothAnswer("activities.appendPoints", json({ activityId: run.activityId, points: [point(5)] }), { cookie: "" });
    expect(signedOut.status).toBe(401);
    const stranger = await signUpTestUser("directstranger");
    const foreign = await bothAnswer("activities.appendPoints", json({ activityId: run.activityId, points: [point(6)] }), { cookie: stranger.cookie });
    const unknownId = randomUUID();
    const unknown = await bothAnswer("activities.appendPoints", json({ activityId: unknownId, points: [point(7)] }));
    expect(unknown.status).toBe(404);
    // A stranger learns nothing: another runner's run is answered exactly as an id nobody has.
    expect({ ...foreign, body: foreign.body.replaceAll(run.activityId, "<id>") }).toEqual({ ...unknown, body: unknown.body.replaceAll(unknownId, "<id>") });
  });

  it("answers an unreadable body as the adapter does: 400 in words a client can act on, never the runtime's", async () => {
    const deep = `{"json":{},"meta":{"values":${'{"a":'.repeat(20_000)}["Date"]${"}".repeat(20_000)}}}`;
    const cases: [string, string, string][] = [
      ["{not json", "PARSE_ERROR", "input: not JSON"],
      ["", "PARSE_ERROR", "input: not JSON"],
      ["null", "BAD_REQUEST", "input: not readable as the procedure's input"],
      [deep, "BAD_REQUEST", "input: nested too deeply to read"],
    ];
    for (const [body, code, words] of cases) {
      const answer = await bothAnswer("activities.appendPoints", body);
      expect(answer.status).toBe(400);
      const error = JSON.parse(answer.body).error.json;
      expect(error.data.code).toBe(code);
      expect(error.message).toContain(words);
      expect(error.message).not.toMatch(/destructure|call stack|position|Unexpected/);
    }
  });

  it("leaves other shapes of request to the adapter", async () => {
    // A batch of one (?batch=1) is the adapter's: both servers answer it alike.
    const batched = await bothAnswer("activities.appendPoints?batch=1", JSON.stringify({ 0: superjson.serialize({ activityId: run.activityId, points: [point(8)] }) }));
    expect(batched.status).toBe(200);
    expect(JSON.parse(batched.body)).toHaveLength(1);
    // and a batch over the bound is refused by both, giving it
    const many = Array.from({ length: MAX_BATCH_CALLS + 1 }, () => "activities.appendPoints").join(",");
    const tooMany = await bothAnswer(`${many}?batch=1`, "{}");
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toContain(`batch: at most ${MAX_BATCH_CALLS} calls`);
  });
});
