/**
 * Every procedure of the app's router, sent generated bad and edge inputs derived from its input schema, over HTTP
 * through the app's real endpoint (issue 16, "How to make it stay fixed"). For each input: no 5xx; a 400 names the
 * field it refuses (its message starts with a top-level key of the input, `input` or `batch`) and never shows the
 * runtime's own text; a refused mutation changed nothing in PostgreSQL; and once the run is over, Cassandra holds
 * no point of a refused batch. The inputs: for each leaf of the schema, the hostile values of test-support/
 * hostile-inputs.ts put into a valid input, then fast-check samples (one leaf, several leaves, anything at all).
 * The count of inputs tried is printed.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { appRouter } from "@/server/api/root";
import { getDb } from "@/server/db";
import { apiFetch } from "@/test-support/api-server";
import { hostileValues, leafArbitrary, leavesOf, topLevelKeys, withValue, type Leaf } from "@/test-support/hostile-inputs";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { runEvents } from "@/test-support/integration-runs";
import { waitForPoints } from "@/test-support/pipeline";

/** fast-check samples per procedure (beside the fixed hostile values of every leaf). */
const SAMPLES_PER_PROCEDURE = 60;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** What the runtime says and a client must never read. */
const RUNTIME_TEXT = /Cannot (destructure|read|convert)|Maximum call stack|Unexpected (token|end)|in JSON at position|is not a function|is not iterable|of undefined|undefined is not|__proto__|Failed query|invalid byte sequence/;

type Procedure = { _def: { type: "query" | "mutation" | "subscription"; inputs: unknown[] } };

function inputSchema(procedure: Procedure): z.ZodType | null {
  const parser = procedure._def.inputs[0] as { schema?: z.ZodType; _zod?: unknown } | undefined;
  if (!parser) return null;
  return parser.schema ?? (parser as z.ZodType); // syncInput keeps its schema beside `parse`
}

/** Accounts, runs, events and friendships as one hash: what a refused mutation must leave as it was. */
async function postgresState(): Promise<string> {
  const result = await getDb().execute(sql`
    select md5(
      (select coalesce(string_agg(a::text, '|' order by a.id), '') from activities a) ||
      (select coalesce(string_agg(e::text, '|' order by e.id), '') from activity_events e) ||
      (select coalesce(string_agg(f::text, '|' order by f::text), '') from friendships f) ||
      (select coalesce(string_agg(u.id || u.run_visibility || u.hide_route_ends, '|' order by u.id), '') from "user" u)
    ) as state`);
  return (result as unknown as { rows: { state: string }[] }).rows[0]!.state;
}

describe("every procedure, given hostile input", () => {
  let runner: TestUser;
  const run = runEvents();
  const acceptedPoints = new Set<string>();
  const failures: string[] = [];
  let tried = 0;
  let serverErrors = 0;
  const globals = globalThis as unknown as { runcoachIngestLimiter?: unknown };
  const savedLimiter = globals.runcoachIngestLimiter;

  beforeAll(async () => {
    // The upload budget would turn most point batches into 429s before their validation is reached.
    globals.runcoachIngestLimiter = { consume: async () => undefined };
    runner = await signUpTestUser("fuzz");
    await trpcClientFor(runner).activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(Date.now() - 60_000)] });
  });
  afterAll(() => {
    globals.runcoachIngestLimiter = savedLimiter;
  });

  /** A valid input per procedure: the hostile values go into it one leaf (or a few) at a time. */
  function validInput(path: string): unknown {
    const now = Date.now();
    const bases: Record<string, unknown> = {
      "courses.search": { q: "run", level: "beginner", program: "5k-improvement", duration: "short" },
      "courses.get": { slug: "30-minute-run-challenge-w1s1" },
      "activities.syncEvents": { activityId: run.activityId, events: [{ id: randomUUID(), activityId: run.activityId, seq: 2, at: now, type: "pause" }] },
      "activities.appendPoints": {
        activityId: run.activityId,
        points: [{ id: randomUUID(), ts: now - 1_000, lat: 37.5, lng: 127, altitude: 20, accuracy: 5, speed: 2.5 }],
      },
      "activities.get": { id: run.activityId },
      "activities.detail": { id: run.activityId },
      "activities.elevationProfile": { id: run.activityId },
      "activities.exportGpx": { id: run.activityId },
      "activities.history": { limit: 5, program: "5k-improvement", from: new Date(now - 86_400_000), to: new Date(now), month: "2026-01", timeZone: "Asia/Seoul" },
      "activities.runner": { username: "nobody_at_all" },
      "activities.monthlyTotals": { count: 3, timeZone: "Asia/Seoul", ownerId: runner.id },
      "activities.weeklyTotals": { count: 3, timeZone: "Asia/Seoul", ownerId: runner.id },
      "activities.historyPrograms": { ownerId: runner.id },
      "friends.request": { username: "nobody_at_all" },
      "friends.respond": { userId: "nobodyAtAll", action: "accept" },
      "friends.remove": { userId: "nobodyAtAll" },
      "profile.updatePrivacy": { runVisibility: "friends", hideRouteEnds: true },
      "imports.begin": { contentHash: "cd".repeat(32), format: "gpx", startedAt: now - 3_600_000, finishedAt: now - 60_000, pointCount: 100, distanceMeters: 1000 },
      "imports.finish": { activityId: run.activityId, finishedAt: now },
      "imports.abandon": { activityId: run.activityId },
    };
    return bases[path] ?? {};
  }

  /** As the client encodes it; a value superjson refuses to encode (a `__proto__` key) goes as plain JSON. */
  function encode(input: unknown): string {
    try {
      return JSON.stringify(superjson.serialize(input));
    } catch {
      return JSON.stringify({ json: input });
    }
  }

  /** Bodies that are not superjson of any input: what tRPC itself cannot read. */
  const RAW_BODIES = ["null", "{not json", "", "[", '"x"', "[]", `{"json":{},"meta":{"values":${'{"a":'.repeat(20_000)}["Date"]${"}".repeat(20_000)}}}`, '{"json":{},"meta":{"values":{"__proto__.x":["Date"]}}}', '{"json":{},"meta":5}'];
  const raw = (body: string) => ({ raw: body });

  async function send(path: string, type: "query" | "mutation", input: unknown) {
    const body = typeof input === "object" && input !== null && "raw" in input ? String(input.raw) : encode(input);
    const headers = { cookie: runner.cookie, "content-type": "application/json" };
    const response =
      type === "query"
        ? await apiFetch(`/api/trpc/${path}?input=${encodeURIComponent(body)}`, { headers })
        : await apiFetch(`/api/trpc/${path}`, { method: "POST", headers, body });
    const text = await response.text();
    let message = "";
    try {
      message = String((JSON.parse(text) as { error?: { json?: { message?: string } } }).error?.json?.message ?? "");
    } catch {
      // 413 or 431 from the HTTP layer: no tRPC body
    }
    return { status: response.status, message };
  }

  async function tryInput(path: string, type: "query" | "mutation", fields: string[], input: unknown) {
    tried++;
    const before = type === "mutation" ? await postgresState() : null;
    const { status, message } = await send(path, type, input);
    const shown = () => encode(input).slice(0, 200);
    if (typeof input === "object" && input !== null && "raw" in input) input = undefined; // nothing of it was accepted
    if (status >= 500) {
      serverErrors++;
      failures.push(`${path} ${status} "${message}" for ${shown()}`);
      return;
    }
    if (status === 400 && message) {
      const named = ["input", "batch", ...fields].some((field) => message.startsWith(`${field}:`) || message.startsWith(`${field}.`));
      if (!named) failures.push(`${path} 400 without a field: "${message}" for ${shown()}`);
    }
    if (RUNTIME_TEXT.test(message)) failures.push(`${path} ${status} shows the runtime: "${message}"`);
    if (status < 300) {
      if (path === "activities.appendPoints") {
        for (const point of (input as { points: { id: string }[] }).points) acceptedPoints.add(point.id);
      }
      return;
    }
    if (before !== null && (await postgresState()) !== before) failures.push(`${path} ${status} changed PostgreSQL for ${shown()}`);
  }

  it("answers every input with a 4xx naming the field, or accepts it; never a 5xx; a refusal changes nothing", { timeout: 120_000 }, async () => {
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);
    const startedAt = performance.now();
    for (const [path, procedure] of procedures) {
      const type = procedure._def.type;
      if (type === "subscription") continue;
      const schema = inputSchema(procedure);
      const leaves: Leaf[] = schema ? leavesOf(schema) : [];
      const fields = schema ? topLevelKeys(schema) : [];
      // 1. every hostile value at every leaf of a valid input, and as the whole input
      for (const leaf of leaves) {
        for (const value of hostileValues(leaf)) await tryInput(path, type, fields, withValue(validInput(path), leaf.path, value));
      }
      for (const value of [null, undefined, 42, "x", [], [validInput(path)]]) await tryInput(path, type, fields, value);
      for (const body of RAW_BODIES) await tryInput(path, type, fields, raw(body));
      // 2. fast-check: one leaf, a few leaves, anything at all
      const oneLeaf = leaves.length
        ? fc.constantFrom(...leaves).chain((leaf) => leafArbitrary(leaf).map((value) => withValue(validInput(path), leaf.path, value)))
        : fc.anything();
      const fewLeaves = leaves.length
        ? fc
            .array(fc.constantFrom(...leaves).chain((leaf) => leafArbitrary(leaf).map((value) => [leaf, value] as const)), { minLength: 2, maxLength: 4 })
            .map((changes) => changes.reduce<unknown>((input, [leaf, value]) => withValue(input, leaf.path, value), validInput(path)))
        : fc.anything();
      const samples = fc.sample(fc.oneof({ arbitrary: oneLeaf, weight: 3 }, { arbitrary: fewLeaves, weight: 2 }, fc.anything({ maxDepth: 3 })), {
        numRuns: SAMPLES_PER_PROCEDURE,
        seed: SEED + path.length,
      });
      for (const input of samples) await tryInput(path, type, fields, input);
    }

    // Cassandra: nothing of a refused batch. One run is one partition, in order: once a last good batch is
    // stored, every batch sent before it would be too.
    const sentinel = { id: randomUUID(), ts: Date.now() - 500, lat: 37.5, lng: 127, altitude: null, accuracy: 5, speed: null };
    await trpcClientFor(runner).activities.appendPoints.mutate({ activityId: run.activityId, points: [sentinel] });
    const stored = await waitForPoints(run.activityId, [sentinel.id]);
    const unexpected = stored.filter((point) => point.id !== sentinel.id && !acceptedPoints.has(point.id));
    if (unexpected.length) failures.push(`Cassandra holds ${unexpected.length} points of refused batches`);

    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    console.log(
      `input fuzz: ${tried} inputs over ${procedures.length} procedures in ${seconds} s (seed ${SEED}); ` +
        `${serverErrors} answered 5xx; ${acceptedPoints.size} points accepted`,
    );
    expect(failures).toEqual([]);
    expect(serverErrors).toBe(0);
  });
});
