/**
 * Following the location pipeline from outside, with writers this file starts and stops (on topics of its
 * own, so the integration setup's writer never sees these uploads):
 *   1. One request id follows an upload: the answer's `x-request-id` is the caller's, Kafka carries it in the
 *      message's header, and the writer (LOG_LEVEL=debug) names it in its "poll written" line.
 *   2. With every writer stopped, the consumer-group lag read from the brokers (server/metrics/group-lag.ts,
 *      what the app servers serve) counts the uploads acknowledged meanwhile, exactly; with a writer back it
 *      drains to 0, and the writer's own page reports 0 for the partitions it holds.
 */
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Admin } from "@platformatic/kafka";
import { Registry } from "prom-client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocationServiceProcess } from "@/scripts/lib/location-service-process";
import { stopBackground } from "@/scripts/lib/processes";
import { createLocationPublisher, type LocationPublisher } from "@/server/kafka/producer";
import { kafkaSettingsFromEnv, type KafkaSettings } from "@/server/kafka/settings";
import { migrateKafkaTopics } from "@/server/kafka/topics";
import { createUploadServer } from "@/server/upload-api/upload-server";
import { signUpTestUser, trpcClientFor, withAppPublisher, type TestUser } from "@/test-support/integration";
import { runEvents } from "@/test-support/integration-runs";
import { waitForPoints } from "@/test-support/pipeline";
import { samples } from "@/test-support/prometheus-text";
import { registerGroupLag } from "./group-lag";

/** The writer's metrics port: beside the fault tests' 9476 (pipeline-faults.int.test.ts). */
const WRITER_PORT = 9478;
const PARTITIONS = 3;
const REPORTS = path.join(process.cwd(), ".data", "test-reports");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await sleep(200);
  }
}

describe("following uploads through the pipeline's metrics and logs", () => {
  let settings: KafkaSettings;
  let publisher: LocationPublisher;
  let writer: ChildProcess | null = null;
  let logFile: string;
  let runner: TestUser;
  const server = createUploadServer({ appOrigin: "http://app.test", health: async () => ({ healthy: true, report: {} }) });
  let base: string;
  const lagRegistry = new Registry();
  const run = runEvents();
  const startedAt = Date.now() - 60_000;
  let next = 0;
  const points = (n: number) =>
    Array.from({ length: n }, () => ({ id: randomUUID(), ts: startedAt + ++next * 1_000, lat: 37.5, lng: 127, altitude: 30, accuracy: 5, speed: 2.8 }));

  function startWriter() {
    writer = startLocationServiceProcess(
      {
        ...process.env,
        KAFKA_TOPIC_PREFIX: settings.topicPrefix,
        KAFKA_PARTITIONS: String(PARTITIONS),
        LOCATION_SERVICE_PORT: String(WRITER_PORT),
        LOG_LEVEL: "debug",
      },
      logFile,
    );
  }

  const writerPage = () => fetch(`http://127.0.0.1:${WRITER_PORT}/metrics`).then((r) => (r.ok ? r.text() : ""), () => "");

  async function groupLag(): Promise<number[]> {
    const lag = samples(await lagRegistry.metrics(), "runcoach_kafka_consumer_group_lag_messages");
    return lag.sort((a, b) => Number(a.labels.partition) - Number(b.labels.partition)).map((sample) => sample.value);
  }

  const upload = (batch: ReturnType<typeof points>, requestId?: string) =>
    withAppPublisher(publisher, () =>
      fetch(`${base}/api/trpc/activities.appendPoints`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: runner.cookie, ...(requestId ? { "x-request-id": requestId } : {}) },
        body: JSON.stringify(superjson.serialize({ activityId: run.activityId, points: batch })),
      }),
    );

  beforeAll(async () => {
    const env = kafkaSettingsFromEnv();
    settings = { ...env, topicPrefix: `${env.topicPrefix}_metrics_${Date.now().toString(36)}`, partitions: PARTITIONS };
    await migrateKafkaTopics(settings);
    publisher = createLocationPublisher(settings);
    registerGroupLag(lagRegistry, settings);
    mkdirSync(REPORTS, { recursive: true });
    logFile = path.join(REPORTS, "metrics-writer.log");
    rmSync(logFile, { force: true });
    startWriter();
    await until("the writer's metrics page", writerPage, (text) => text.includes("location_service_messages_total"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    runner = await signUpTestUser("metricslag");
    await withAppPublisher(publisher, () =>
      trpcClientFor(runner).activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(startedAt)] }),
    );
  }, 120_000);

  afterAll(async () => {
    if (writer) await stopBackground(writer);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await publisher?.close().catch(() => undefined);
    const admin = new Admin({ clientId: "metrics-cleanup", bootstrapBrokers: settings.brokers });
    const topics = (await admin.listTopics().catch(() => [])).filter((topic) => topic.startsWith(settings.topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.close();
  }, 60_000);

  it("carries one request id from the HTTP request through Kafka to the writer's log line", async () => {
    const requestId = `trace-${randomUUID()}`;
    const batch = points(4);
    const answer = await upload(batch, requestId);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-request-id")).toBe(requestId);
    await waitForPoints(run.activityId, batch.map((p) => p.id), 30_000);
    const line = await until(
      "the writer's line naming the request id",
      async () =>
        readFileSync(logFile, "utf8")
          .split("\n")
          .filter((text) => text.startsWith("{"))
          .map((text) => JSON.parse(text) as { msg?: string; requestIds?: string[]; points?: number })
          .find((entry) => entry.msg === "poll written" && entry.requestIds?.includes(requestId)),
      (found) => found !== undefined,
      10_000,
    );
    expect(line!.points).toBeGreaterThanOrEqual(4);
    // Without one the upload gets a fresh id, and says which.
    const fresh = await upload(points(1));
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("shows a lag while the writers are stopped, exactly the uploads acknowledged meanwhile, and 0 once one is back", async () => {
    await until("the lag at 0 with the writer running", groupLag, (lag) => lag.length === PARTITIONS && lag.every((n) => n === 0));
    await stopBackground(writer!);
    writer = null;
    const held = [points(2), points(3), points(2), points(5), points(1)];
    for (const batch of held) expect((await upload(batch)).status).toBe(200);
    const lag = await groupLag();
    expect(lag).toHaveLength(PARTITIONS);
    // One run: one key, one partition; every batch is one message.
    expect(lag.reduce((a, b) => a + b, 0)).toBe(held.length);
    expect(lag.filter((n) => n > 0)).toEqual([held.length]);
    await sleep(1_000);
    expect(await groupLag()).toEqual(lag); // nobody is writing

    startWriter();
    await until("the lag back at 0", groupLag, (now) => now.length === PARTITIONS && now.every((n) => n === 0));
    await waitForPoints(run.activityId, held.flat().map((p) => p.id), 30_000);
    const page = await until(
      "the writer's own lag at 0 on every partition",
      writerPage,
      (text) => {
        const own = samples(text, "location_service_consumer_lag_messages");
        return own.length === PARTITIONS && own.every((sample) => sample.value === 0);
      },
    );
    // The writer's page carries the process registry too: Cassandra by statement, Node's metrics once.
    expect(samples(page, "runcoach_cassandra_query_duration_seconds_count").some((s) => /^(batch )?insert locations_by_activity$/.test(s.labels.statement ?? ""))).toBe(true);
    expect(samples(page, "nodejs_eventloop_lag_seconds")).toHaveLength(1);
    expect(page.match(/^# TYPE nodejs_eventloop_lag_seconds /gm)).toHaveLength(1);
  });
});
