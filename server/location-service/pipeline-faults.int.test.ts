/**
 * The pipeline's promises under faults, with real engines: this file starts its own Kafka broker (so it may
 * kill it), its own Location Service processes (so it may kill them), and reaches the test Cassandra node
 * through a TCP forwarder it can cut (test-support/tcp-proxy.ts) — the node itself is shared with the other
 * tests and is not stopped here; `npm run bench:ingest` stops a node of its own for 60 s under load.
 *   1. A batch is acknowledged only once Kafka has it: broker killed → 503 with Retry-After, fast; back → 200.
 *   2. Cassandra unreachable → uploads still acknowledged; the points are in Cassandra once it is back.
 *   3. A writer killed in the middle of a poll → another writer takes over; every point is stored, once.
 *   4. Eighteen batches arriving after the finish → the record has them all, computed at most twice.
 *   5. A message Cassandra refuses → the dead-letter topic (counted, with its reason), not the good points
 *      beside it; `npm run worker -- replay-dead-letters` puts it back on the points topic.
 */
import { execFile, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { Admin } from "@platformatic/kafka";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyError } from "@/app/_lib/outbox/classify-error";
import type { TrackPoint } from "@/domain/geo/track-point";
import { startKafka, type KafkaCluster } from "@/scripts/kafka/launcher";
import { startLocationServiceProcess } from "@/scripts/lib/location-service-process";
import { killBackground, stopBackground } from "@/scripts/lib/processes";
import { getCassandra, getLocationStore } from "@/server/cassandra";
import { createLocationPublisher, type LocationPublisher } from "@/server/kafka/producer";
import { kafkaSettingsFromEnv, type KafkaSettings } from "@/server/kafka/settings";
import { migrateKafkaTopics } from "@/server/kafka/topics";
import { signUpTestUser, trpcClientFor, withAppPublisher, type TestUser } from "@/test-support/integration";
import { runEvents } from "@/test-support/integration-runs";
import { waitForPoints, waitForRecord } from "@/test-support/pipeline";
import { startTcpProxy, type TcpProxy } from "@/test-support/tcp-proxy";

const KAFKA_PORT = 9392;
const WORKER_PORT = 9476;
const REPORTS = path.join(process.cwd(), ".data", "test-reports");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function track(startedAt: number, n: number, from = 0): TrackPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    ts: startedAt + (from + i + 10) * 1_000,
    lat: 37.5 + (from + i) * 0.00003,
    lng: 127,
    altitude: 20,
    accuracy: 4,
    speed: 3,
  }));
}

async function uploadError(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  const response = ((error as TRPCClientError<never>).meta as { response?: Response } | undefined)?.response;
  return { status: response?.status, retryAfter: response?.headers.get("retry-after"), outbox: classifyError(error) };
}

async function metric(name: string, labels = ""): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${WORKER_PORT}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

/** Rows of these runs in Cassandra, and how many distinct point ids they hold. */
async function rowCount(activityIds: readonly string[]) {
  const client = await getCassandra();
  let rows = 0;
  const ids = new Set<string>();
  for (const activityId of activityIds) {
    const result = await client.execute("SELECT point_id FROM locations_by_activity WHERE activity_id = ?", [activityId], { fetchSize: 10_000 });
    rows += result.rows.length;
    for (const row of result.rows) ids.add(String(row.get("point_id")));
  }
  return { rows, distinct: ids.size };
}

describe("the location pipeline under faults", () => {
  let kafka: KafkaCluster;
  let settings: KafkaSettings;
  let publisher: LocationPublisher;
  let cassandraProxy: TcpProxy;
  let worker: ChildProcess;
  let runner: TestUser;

  function startWorker(name: string) {
    return startLocationServiceProcess(
      {
        ...process.env,
        KAFKA_BROKERS: settings.brokers.join(","),
        KAFKA_TOPIC_PREFIX: settings.topicPrefix,
        CASSANDRA_CONTACT_POINTS: `127.0.0.1:${cassandraProxy.port}`,
        LOCATION_SERVICE_PORT: String(WORKER_PORT),
        LOG_LEVEL: "info",
      },
      path.join(REPORTS, `faults-${name}.log`),
    );
  }

  async function waitForWorkerHttp() {
    for (let i = 0; i < 100; i++) {
      if (await fetch(`http://127.0.0.1:${WORKER_PORT}/health`).then((r) => r.ok, () => false)) return;
      await sleep(200);
    }
    throw new Error("the location service did not come up");
  }

  beforeAll(async () => {
    kafka = await startKafka({ dataDir: path.join(process.cwd(), ".data", "test-kafka-faults"), port: KAFKA_PORT, log: () => undefined });
    settings = { ...kafkaSettingsFromEnv(), brokers: kafka.bootstrapServers, topicPrefix: `${kafkaSettingsFromEnv().topicPrefix}_faults_${Date.now().toString(36)}`, partitions: 4 };
    await migrateKafkaTopics(settings);
    publisher = createLocationPublisher(settings);
    const [host, port] = (process.env.CASSANDRA_CONTACT_POINTS ?? "127.0.0.1:9042").split(",")[0]!.split(":");
    cassandraProxy = await startTcpProxy({ host: host!, port: Number(port ?? 9042) });
    worker = startWorker("writer-1");
    await waitForWorkerHttp();
    runner = await signUpTestUser("faults");
  }, 120_000);

  afterAll(async () => {
    if (worker) await stopBackground(worker);
    await publisher?.close().catch(() => undefined);
    await cassandraProxy?.close();
    // The broker's folder is kept between runs (a warm start): drop this run's topics.
    const admin = new Admin({ clientId: "faults-cleanup", bootstrapBrokers: kafka.bootstrapServers });
    const topics = (await admin.listTopics().catch(() => [])).filter((topic) => topic.startsWith(settings.topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.close();
    await kafka?.stop();
  }, 120_000);

  it("acknowledges a batch only once Kafka has it: a dead broker answers 503 fast, and the batch goes up after", async () => {
    const client = trpcClientFor(runner);
    const run = runEvents();
    const startedAt = Date.now() - 30 * 60_000;
    const [before, during] = [track(startedAt, 20), track(startedAt, 20, 20)];
    await withAppPublisher(publisher, async () => {
      await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(startedAt)] });
      expect((await client.activities.appendPoints.mutate({ activityId: run.activityId, points: before })).stored).toHaveLength(20);

      await kafka.kill(0);
      const started = Date.now();
      const refused = await uploadError(client.activities.appendPoints.mutate({ activityId: run.activityId, points: during }));
      expect(refused).toMatchObject({ status: 503, retryAfter: "5", outbox: { retryable: true } });
      expect(Date.now() - started).toBeLessThan(settings.produceTimeoutMs + 1_500);

      await kafka.restart(0);
      // The phone's outbox retries the same batch until it is acknowledged.
      let stored: string[] | null = null;
      for (let attempt = 0; attempt < 30 && !stored; attempt++) {
        stored = await client.activities.appendPoints
          .mutate({ activityId: run.activityId, points: during })
          .then((answer) => answer.stored, () => null);
        if (!stored) await sleep(1_000);
      }
      expect(stored).toHaveLength(20);
    });
    await waitForPoints(run.activityId, [...before, ...during].map((p) => p.id), 60_000);
    expect(await rowCount([run.activityId])).toEqual({ rows: 40, distinct: 40 });
  }, 120_000);

  it("keeps acknowledging while Cassandra is unreachable, and writes everything once it is back", async () => {
    const client = trpcClientFor(runner);
    const run = runEvents();
    const startedAt = Date.now() - 20 * 60_000;
    const batches = [track(startedAt, 50), track(startedAt, 50, 50), track(startedAt, 50, 100)];
    await cassandraProxy.cut();
    try {
      await withAppPublisher(publisher, async () => {
        await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(startedAt)] });
        for (const points of batches) {
          expect((await client.activities.appendPoints.mutate({ activityId: run.activityId, points })).stored).toHaveLength(50);
        }
      });
      // The writer has tried and is waiting the outage out (the driver gives up on a node after its timeouts).
      const retriesBefore = await metric("location_service_store_retries_total");
      for (let i = 0; i < 150 && (await metric("location_service_store_retries_total")) <= retriesBefore; i++) await sleep(200);
      expect(await metric("location_service_store_retries_total")).toBeGreaterThan(retriesBefore);
      expect(await rowCount([run.activityId])).toEqual({ rows: 0, distinct: 0 });
    } finally {
      await cassandraProxy.restore();
    }
    await waitForPoints(run.activityId, batches.flat().map((p) => p.id), 60_000);
    expect(await rowCount([run.activityId])).toEqual({ rows: 150, distinct: 150 });
  }, 120_000);

  it("loses nothing and doubles nothing when a writer is killed in the middle of a poll", async () => {
    // 300 runs of 40 points: one poll of 300 writes, slowed at Cassandra, so the kill lands inside it.
    const runs = Array.from({ length: 300 }, () => ({ activityId: randomUUID(), points: track(Date.now() - 3_600_000, 40) }));
    cassandraProxy.delayMs = 150;
    await stopBackground(worker);
    for (let i = 0; i < runs.length; i += 50) {
      await publisher.publish(
        runs.slice(i, i + 50).map(({ activityId, points }) => ({ kind: "points" as const, activityId, userId: runner.id, points, receivedAt: Date.now() })),
      );
    }
    worker = startWorker("writer-2");
    await waitForWorkerHttp();
    let written = 0;
    for (let i = 0; i < 600 && written === 0; i++) {
      written = await metric("location_service_points_written_total").catch(() => 0);
      if (written === 0) await sleep(25);
    }
    await killBackground(worker);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(12_000);

    cassandraProxy.delayMs = 0;
    worker = startWorker("writer-3");
    await waitForWorkerHttp();
    for (const { activityId, points } of runs) await waitForPoints(activityId, points.map((p) => p.id), 60_000);
    expect(await rowCount(runs.map((r) => r.activityId))).toEqual({ rows: 12_000, distinct: 12_000 });
  }, 180_000);

  it("computes the record of a run uploaded after its finish at most twice for eighteen late batches", async () => {
    const client = trpcClientFor(runner);
    const run = runEvents();
    const startedAt = Date.now() - 2 * 3_600_000;
    const points = track(startedAt, 3_600);
    await withAppPublisher(publisher, async () => {
      await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.start(startedAt)] });
      await client.activities.syncEvents.mutate({ activityId: run.activityId, events: [run.finish(startedAt + 3_700_000)] });
      await waitForRecord(run.activityId);
      const before = await metric("location_service_record_jobs_total", 'outcome="stored"');
      for (let i = 0; i < points.length; i += 200) {
        await client.activities.appendPoints.mutate({ activityId: run.activityId, points: points.slice(i, i + 200) });
      }
      const record = await waitForRecord(run.activityId, (row) => row.pointCount === 3_600, 60_000);
      await sleep(2_500); // a computation still to come would have started by now (debounce 1 s)
      const computations = (await metric("location_service_record_jobs_total", 'outcome="stored"')) - before;
      expect(record.pointCount).toBe(3_600);
      expect(computations).toBeGreaterThanOrEqual(1);
      expect(computations).toBeLessThanOrEqual(2);
    });
    expect((await (await getLocationStore()).read(run.activityId)).length).toBe(3_600);
  }, 120_000);

  it("dead-letters a message Cassandra refuses, keeps the good points beside it, and replays it on demand", async () => {
    const activityId = randomUUID();
    const good = track(Date.now() - 600_000, 10);
    const bad = [{ ...track(Date.now() - 600_000, 1, 10)[0]!, id: "not-a-uuid" }];
    const refusedBefore = await metric("location_service_dead_letters_total", 'reason="refused"');
    await publisher.publish([
      { kind: "points", activityId, userId: runner.id, points: good, receivedAt: Date.now() },
      { kind: "points", activityId, userId: runner.id, points: bad, receivedAt: Date.now() },
    ]);
    await waitForPoints(activityId, good.map((p) => p.id));
    for (let i = 0; i < 100 && (await metric("location_service_dead_letters_total", 'reason="refused"')) === refusedBefore; i++) await sleep(200);
    expect(await metric("location_service_dead_letters_total", 'reason="refused"')).toBe(refusedBefore + 1);
    expect(await rowCount([activityId])).toEqual({ rows: 10, distinct: 10 });

    const replay = await promisify(execFile)("node_modules/.bin/tsx", ["scripts/worker.ts", "replay-dead-letters"], {
      env: { ...process.env, KAFKA_BROKERS: settings.brokers.join(","), KAFKA_TOPIC_PREFIX: settings.topicPrefix, LOG_LEVEL: "warn" },
    });
    expect(replay.stdout).toMatch(/replayed 1 dead letters/);
    // Still refused (nothing was fixed), so it is back in the dead-letter topic: the replay reached the writer.
    for (let i = 0; i < 100 && (await metric("location_service_dead_letters_total", 'reason="refused"')) === refusedBefore + 1; i++) await sleep(200);
    expect(await metric("location_service_dead_letters_total", 'reason="refused"')).toBe(refusedBefore + 2);
  }, 120_000);
});
