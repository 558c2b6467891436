/**
 * What every self-contained benchmark starts and stops: its own Cassandra node (data in
 * `.data/bench-<name>-cassandra`, kept between runs for a warm start) with a keyspace of its own, a throwaway
 * PostgreSQL database migrated and seeded with the catalog, its own Kafka broker (data in
 * `.data/bench-<name>-kafka`, topics of its own under a fresh prefix, deleted at the end), the built app on
 * its own port (log in `.data/bench-<name>-app.log`), and on request the standalone upload API and
 * Location Service processes (`.data/bench-<name>-upload-api.log`, `…-writer-<n>.log`), so a benchmark can
 * run beside `npm run up` and `npm test`.
 *
 * Every process is started as `node` itself (not an npm, next or tsx shim), so the pid the benchmark reads
 * CPU from (and `--cpu-prof` profiles) is the one that serves. `close()` stops everything in reverse order;
 * a caller that must also stop on Ctrl-C passes its own `cleanups` and runs them from its signal handler,
 * which also covers a start-up still under way.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { Admin } from "@platformatic/kafka";
import { trpcPost } from "../../lib/simulated-runner";
import { createCassandraClient, type CassandraClient, type CassandraSettings } from "@/server/cassandra/client";
import { migrateCassandra } from "@/server/cassandra/migrate";
import { pipelineNames } from "@/server/kafka/settings";
import { startCluster, type Cluster } from "../../cassandra/launcher";
import { startKafka } from "../../kafka/launcher";
import { ensureBuilt } from "../../lib/build";
import { run, startBackground, stopBackground, waitForHttp } from "../../lib/processes";
import { createTestDatabase, dropTestDatabase } from "../../lib/test-postgres";
import { servingPid } from "../../lib/proc-cpu";

/** Cleanup steps run once, most recent first (those added with `last` after all the others). */
export interface Cleanups {
  add(step: () => Promise<void>, options?: { last?: boolean }): void;
  run(): Promise<void>;
}

export function createCleanups(): Cleanups {
  const first: (() => Promise<void>)[] = [];
  const last: (() => Promise<void>)[] = [];
  let running: Promise<void> | undefined;
  const runStep = (step: () => Promise<void>) => step().catch((error: unknown) => console.error("cleanup:", error));
  return {
    add(step, options) {
      // Started after the cleanup ran (a start-up that was still under way at Ctrl-C): undo it at once.
      if (running) void running.then(() => runStep(step));
      else if (options?.last) last.push(step);
      else first.unshift(step);
    },
    run() {
      running ??= (async () => {
        for (const step of [...first.splice(0), ...last.splice(0)]) await runStep(step);
      })();
      return running;
    },
  };
}

export interface BenchProcess {
  /** The node process that serves (CPU is read from it). */
  pid: number;
  child: ChildProcess;
}

export interface BenchStack {
  baseUrl: string;
  databaseUrl: string;
  settings: CassandraSettings;
  /** Connected to the benchmark's keyspace; replaced by `startCassandra`; shut down by `close`. */
  readonly cassandra: CassandraClient;
  appPid: number;
  /** The bench's broker and topics, when `kafka` was asked for. */
  kafka?: { brokers: string[]; topicPrefix: string; partitions: number; brokerPids: () => number[] };
  /** The standalone upload API, when `uploadApiPort` was given. */
  uploadApi?: BenchProcess & { baseUrl: string };
  /** Location Service processes, each with its /metrics URL. */
  writers: (BenchProcess & { metricsUrl: string })[];
  /** The Cassandra node's JVM (changes when it is started again). */
  cassandraPid(): number;
  /** Stops the bench's Cassandra node (the data stays). */
  stopCassandra(): Promise<void>;
  /** Starts it again on the same data and port; resolves once CQL answers, with a fresh client in `cassandra`. */
  startCassandra(): Promise<void>;
  /** A new runner; the cookie signs its requests in. */
  signUp(username: string): Promise<{ cookie: string; userId: string }>;
  /** A tRPC mutation as the browser sends it (superjson), to the app or to `baseUrl`, answered as it comes. */
  trpcPost(procedure: string, cookie: string, input: unknown, baseUrl?: string): Promise<Response>;
  /** Stops every process, drops the keyspace, the topics and the database. */
  close(): Promise<void>;
}

export interface BenchStackOptions {
  name: string;
  cassandraPort: number;
  appPort: number;
  /** Extra environment for the app, the upload API and the writers (e.g. a lifted rate limit). */
  appEnv?: Record<string, string>;
  /** Writes V8 CPU profiles of the app, the upload API and the writers into subfolders of this directory. */
  cpuProfileDir?: string;
  /** Starts a Kafka broker of the bench's own on this port (controller on port + 1). */
  kafka?: { port: number; partitions?: number };
  /** Starts the standalone upload API (`scripts/upload-api.ts`) on this port. */
  uploadApiPort?: number;
  /** Location Service processes (`scripts/worker.ts`), metrics on writerPortBase, writerPortBase + 1, … */
  writers?: number;
  writerPortBase?: number;
  /** Where cleanup steps go (the caller runs them on Ctrl-C); `close()` runs them too. */
  cleanups?: Cleanups;
}

/** Says so at once when a process the bench started ends before the bench stops it (a crash, a kill). */
function watchExit(child: ChildProcess, role: string, logFile: string, stopping: () => boolean): void {
  child.once("exit", (code, signal) => {
    if (!stopping()) console.error(`\n!! ${role} (pid ${child.pid}) exited unexpectedly (${signal ?? `code ${code}`}); its log: ${logFile}\n`);
  });
}

function profileArgs(dir: string | undefined, role: string): string[] {
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(dir, role)}`] : [];
}

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const runId = Date.now().toString(36);
  const baseUrl = `http://127.0.0.1:${options.appPort}`;
  const cleanups = options.cleanups ?? createCleanups();
  const logFile = (role: string) => path.resolve(`.data/bench-${options.name}-${role}.log`);
  let stopping = false;
  const started = (child: ChildProcess, role: string) => {
    watchExit(child, role, logFile(role), () => stopping);
    cleanups.add(async () => {
      stopping = true;
      await stopBackground(child);
    });
  };
  try {
    const clusterOptions = {
      dataDir: path.resolve(`.data/bench-${options.name}-cassandra`),
      nativePort: options.cassandraPort,
      log: (line: string) => console.log(`  cassandra: ${line}`),
    };
    let cluster: Cluster | undefined = await startCluster(clusterOptions);
    cleanups.add(async () => {
      await cluster?.stop();
      cluster = undefined;
    });
    const keyspace = `runcoach_bench_${options.name.replaceAll("-", "_")}_${runId}`;
    const contactPoints = cluster.contactPoints;
    const settings: CassandraSettings = { contactPoints, localDataCenter: "datacenter1", keyspace, replicationFactor: 1 };
    await migrateCassandra(settings);
    let cassandra = createCassandraClient(settings, { withKeyspace: true });
    await cassandra.connect();
    cleanups.add(async () => {
      await cassandra.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
      await cassandra.shutdown();
    });
    const databaseName = keyspace;
    const databaseUrl = await createTestDatabase(databaseName);
    cleanups.add(() => dropTestDatabase(databaseName), { last: true });

    let kafka: BenchStack["kafka"];
    let kafkaEnv: Record<string, string> = {};
    if (options.kafka) {
      const broker = await startKafka({
        dataDir: path.resolve(`.data/bench-${options.name}-kafka`),
        port: options.kafka.port,
        log: (line) => console.log(`  kafka: ${line}`),
      });
      cleanups.add(() => broker.stop());
      const topicPrefix = `bench_${options.name.replaceAll("-", "_")}_${runId}`;
      const partitions = options.kafka.partitions ?? 12;
      kafka = { brokers: broker.bootstrapServers, topicPrefix, partitions, brokerPids: () => broker.brokers.map((b) => b.pid) };
      kafkaEnv = { KAFKA_BROKERS: broker.bootstrapServers.join(","), KAFKA_TOPIC_PREFIX: topicPrefix, KAFKA_PARTITIONS: String(partitions) };
      // Runs before the broker stops: the bench's topics go, so its data dir does not grow run after run.
      cleanups.add(async () => {
        const names = pipelineNames(topicPrefix);
        const admin = new Admin({ clientId: "runcoach-bench", bootstrapBrokers: broker.bootstrapServers, retries: 1 });
        try {
          const existing = new Set(await admin.listTopics());
          const topics = [names.pointsTopic, names.deadLetterTopic].filter((topic) => existing.has(topic));
          if (topics.length > 0) await admin.deleteTopics({ topics });
        } finally {
          await admin.close();
        }
      });
    }

    const authSecret = randomBytes(32).toString("base64");
    const appEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      CASSANDRA_CONTACT_POINTS: contactPoints.join(","),
      CASSANDRA_KEYSPACE: keyspace,
      LOG_LEVEL: "warn",
      ...kafkaEnv,
      ...options.appEnv,
    };
    // migrate.ts also creates the Kafka topics (with the bench's prefix and partitions).
    for (const script of ["scripts/migrate.ts", "scripts/seed.ts"]) {
      if ((await run("node_modules/.bin/tsx", [script], appEnv)) !== 0) throw new Error(`${script} failed`);
    }
    await ensureBuilt(appEnv);
    const serverEnv = { ...appEnv, NODE_ENV: "production", BETTER_AUTH_URL: baseUrl, BETTER_AUTH_SECRET: authSecret };

    const writers: BenchStack["writers"] = [];
    const writerPortBase = options.writerPortBase ?? options.appPort + 10;
    for (let i = 0; i < (options.writers ?? 0); i++) {
      const port = writerPortBase + i;
      const child = startBackground(process.execPath, [...profileArgs(options.cpuProfileDir, `writer-${i + 1}`), "--import", "tsx", "scripts/worker.ts"], {
        // no scheduled archive passes: one landing mid-measurement would be noise (bench:storage measures them)
        env: { ...serverEnv, LOCATION_SERVICE_PORT: String(port), ARCHIVE_INTERVAL_MINUTES: "0" },
        logFile: logFile(`writer-${i + 1}`),
      });
      started(child, `writer-${i + 1}`);
      const metricsUrl = `http://127.0.0.1:${port}/metrics`;
      await waitForHttp(`http://127.0.0.1:${port}/health`, { timeoutMs: 60_000, alive: () => child.exitCode === null });
      writers.push({ child, pid: servingPid(child.pid!), metricsUrl });
    }

    let uploadApi: BenchStack["uploadApi"];
    if (options.uploadApiPort !== undefined) {
      const uploadBaseUrl = `http://127.0.0.1:${options.uploadApiPort}`;
      const child = startBackground(process.execPath, [...profileArgs(options.cpuProfileDir, "upload-api"), "--import", "tsx", "scripts/upload-api.ts"], {
        env: { ...serverEnv, UPLOAD_API_PORT: String(options.uploadApiPort), UPLOAD_API_HOST: "127.0.0.1" },
        logFile: logFile("upload-api"),
      });
      started(child, "upload-api");
      await waitForHttp(`${uploadBaseUrl}/api/health`, { timeoutMs: 60_000, alive: () => child.exitCode === null });
      uploadApi = { child, pid: servingPid(child.pid!), baseUrl: uploadBaseUrl };
    }

    // node itself, not the `next` shim, so the measured and profiled process is the app.
    const app = startBackground(
      process.execPath,
      [...profileArgs(options.cpuProfileDir, "app"), "node_modules/next/dist/bin/next", "start", "-p", String(options.appPort), "-H", "127.0.0.1"],
      { env: serverEnv, logFile: logFile("app") },
    );
    started(app, "app");
    await waitForHttp(`${baseUrl}/api/health`, { timeoutMs: 60_000, alive: () => app.exitCode === null });

    return {
      baseUrl,
      databaseUrl,
      settings,
      get cassandra() {
        return cassandra;
      },
      appPid: servingPid(app.pid!),
      kafka,
      uploadApi,
      writers,
      cassandraPid: () => cluster?.nodes[0]?.pid ?? 0,
      async stopCassandra() {
        await cluster?.stop();
        cluster = undefined;
      },
      async startCassandra() {
        cluster = await startCluster(clusterOptions);
        const previous = cassandra;
        cassandra = createCassandraClient(settings, { withKeyspace: true });
        await cassandra.connect();
        await previous.shutdown().catch(() => undefined);
      },
      async signUp(username) {
        const response = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: baseUrl },
          body: JSON.stringify({ name: username, email: `${username}@example.test`, password: "correct horse battery", username }),
        });
        if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
        const body = (await response.json()) as { user: { id: string } };
        const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
        return { cookie, userId: body.user.id };
      },
      trpcPost: (procedure, cookie, input, target = baseUrl) => trpcPost(target, procedure, cookie, input),
      close: () => cleanups.run(),
    };
  } catch (error) {
    await cleanups.run();
    throw error;
  }
}
