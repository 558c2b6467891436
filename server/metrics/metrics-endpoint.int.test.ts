/**
 * `/api/metrics` after real uploads: the app server's route handler (app/api/metrics/route.ts) and the upload
 * API's own path answer with the series docs/operations.md describes, and a batch is counted once whichever
 * front took it (the app's tRPC endpoint, the upload API's tRPC adapter, its direct path). This test process
 * is the app server and both upload servers at once, so every series is read as a difference across a step.
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { runEvents } from "@/test-support/integration-runs";
import { waitForPoints } from "@/test-support/pipeline";
import { sampleValue, samples } from "@/test-support/prometheus-text";
import { env } from "@/server/env";
import { createUploadServer } from "@/server/upload-api/upload-server";

const health = async () => ({ healthy: true, report: {} });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function appMetrics(): Promise<string> {
  const answer = await GET(new Request("http://127.0.0.1/api/metrics"));
  expect(answer.status).toBe(200);
  expect(answer.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return answer.text();
}

const APPEND = { procedure: "activities.appendPoints", status: "200" };

describe("the metrics endpoints", () => {
  const direct = createUploadServer({ appOrigin: "http://app.test", health });
  const adapter = createUploadServer({ appOrigin: "http://app.test", health, direct: false });
  let bases: { direct: string; adapter: string };
  let runner: TestUser;
  const run = runEvents();
  const startedAt = Date.now() - 60_000;
  let next = 0;
  const points = (n: number) =>
    Array.from({ length: n }, () => ({ id: randomUUID(), ts: startedAt + ++next * 1_000, lat: 37.5, lng: 127, altitude: 30, accuracy: 5, speed: 2.8 }));

  beforeAll(async () => {
    bases = { direct: await listen(direct), adapter: await listen(adapter) };
    runner = await signUpTestUser("metrics");
    await trpcClientFor(runner).activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(startedAt)] });
  });
  afterAll(async () => {
    await Promise.all([direct, adapter].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  });

  const upload = (base: string, batch: ReturnType<typeof points>, user = runner, activityId = run.activityId) =>
    fetch(`${base}/api/trpc/activities.appendPoints`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: user.cookie },
      body: JSON.stringify(superjson.serialize({ activityId, points: batch })),
    });

  it("counts each upload once, its points, its Kafka produce and the Cassandra reads, on both pages", async () => {
    const before = await appMetrics();
    const batches = [points(3), points(4), points(5), points(6), points(7)];
    await trpcClientFor(runner).activities.appendPoints.mutate({ activityId: run.activityId, points: batches[0]! });
    await trpcClientFor(runner).activities.appendPoints.mutate({ activityId: run.activityId, points: batches[1]! });
    for (const batch of batches.slice(2, 4)) expect((await upload(bases.direct, batch)).status).toBe(200);
    expect((await upload(bases.adapter, batches[4]!)).status).toBe(200);
    await waitForPoints(run.activityId, batches.flat().map((p) => p.id));

    const after = await appMetrics();
    const delta = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta("runcoach_trpc_request_duration_seconds_count", APPEND)).toBe(5);
    expect(delta("runcoach_trpc_request_duration_seconds_bucket", { ...APPEND, le: "+Inf" })).toBe(5);
    expect(delta("runcoach_points_acknowledged_total")).toBe(3 + 4 + 5 + 6 + 7);
    expect(delta("runcoach_kafka_produce_duration_seconds_count")).toBe(5);
    expect(delta("runcoach_kafka_send_duration_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after, "runcoach_kafka_produce_failures_total", { reason: "timeout" })).toBe(0);
    // waitForPoints read the run back through this process's Cassandra client.
    expect(delta("runcoach_cassandra_query_duration_seconds_count", { statement: "select locations_by_activity", outcome: "success" })).toBeGreaterThan(0);
    const statements = new Set(samples(after, "runcoach_cassandra_query_duration_seconds_count").map((s) => s.labels.statement));
    for (const statement of statements) expect(statement).toMatch(/^(batch )?(select|insert|update|delete|schema) [\w.]+$|^other$/);
    expect(samples(after, "nodejs_eventloop_lag_seconds")).toHaveLength(1);
    expect(sampleValue(after, "runcoach_pg_pool_connections", { state: "max" })).toBe(10);
    expect(samples(after, "runcoach_pg_pool_waiting_queries")).toHaveLength(1);

    // The upload API's own page is the same process registry here.
    const page = await fetch(`${bases.direct}/api/metrics`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(sampleValue(text, "runcoach_trpc_request_duration_seconds_count", APPEND)).toBe(sampleValue(after, "runcoach_trpc_request_duration_seconds_count", APPEND));
    expect(samples(text, "nodejs_eventloop_lag_seconds")).toHaveLength(1);
  });

  it("names the refusals by status, and counts the rate limit's", async () => {
    const before = await appMetrics();
    expect((await upload(bases.direct, points(1), runner, randomUUID())).status).toBe(404);
    expect((await upload(bases.direct, [{ ...points(1)[0]!, lat: 91 }])).status).toBe(400);
    expect((await upload(bases.direct, points(1), { id: "", cookie: "" })).status).toBe(401);
    // A runner over the budget: every upload takes one unit, the refused ones too.
    const hasty = await signUpTestUser("metricshasty");
    const hastyRun = runEvents();
    await trpcClientFor(hasty).activities.syncEvents.mutate({ activityId: hastyRun.activityId, events: [hastyRun.start(startedAt)] });
    const budget = env().INGEST_BATCHES_PER_MINUTE;
    const statuses: number[] = [];
    for (let i = 0; i < budget + 2; i++) statuses.push((await upload(bases.direct, points(1), hasty, hastyRun.activityId)).status);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);

    const after = await appMetrics();
    const delta = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    const append = (status: string) => delta("runcoach_trpc_request_duration_seconds_count", { procedure: "activities.appendPoints", status });
    expect(append("404")).toBe(1);
    expect(append("400")).toBe(1);
    expect(append("401")).toBe(1);
    expect(append("429")).toBe(2);
    expect(delta("runcoach_rate_limit_refusals_total", { limit: "ingest" })).toBe(2);
  });

  it("gives the app server the writers' group lag per partition, read from the brokers, back to 0 once written", async () => {
    let lag: ReturnType<typeof samples> = [];
    for (let i = 0; i < 100; i++) {
      lag = samples(await appMetrics(), "runcoach_kafka_consumer_group_lag_messages");
      if (lag.length > 0 && lag.every((sample) => sample.value === 0)) break;
      await sleep(200);
    }
    expect(lag.map((sample) => sample.labels.partition).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: env().KAFKA_PARTITIONS }, (_, i) => String(i)),
    );
    expect(lag.every((sample) => sample.value === 0)).toBe(true);
  });
});
