/**
 * What every self-contained benchmark starts and stops: its own Cassandra node (data in
 * `.data/bench-<name>-cassandra`, kept between runs for a warm start) with a keyspace of its own, a throwaway
 * PostgreSQL database migrated and seeded with the catalog, and the built app on its own port (log in
 * `.data/bench-<name>-app.log`), so a benchmark can run beside `npm run up` and `npm test`.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import superjson from "superjson";
import { createCassandraClient, type CassandraClient, type CassandraSettings } from "@/server/cassandra/client";
import { migrateCassandra } from "@/server/cassandra/migrate";
import { startCluster } from "../../cassandra/launcher";
import { ensureBuilt } from "../../lib/build";
import { run, startBackground, stopBackground, waitForHttp } from "../../lib/processes";
import { createTestDatabase, dropTestDatabase } from "../../lib/test-postgres";

export interface BenchStack {
  baseUrl: string;
  databaseUrl: string;
  settings: CassandraSettings;
  /** Connected to the benchmark's keyspace; shut down by `close`. */
  cassandra: CassandraClient;
  appPid: number;
  /** A new runner; the cookie signs its requests in. */
  signUp(username: string): Promise<{ cookie: string; userId: string }>;
  /** A tRPC mutation as the browser sends it (superjson), answered as it comes. */
  trpcPost(procedure: string, cookie: string, input: unknown): Promise<Response>;
  /** Stops the app and the node, drops the keyspace and the database. */
  close(): Promise<void>;
}

export async function startBenchStack(options: {
  name: string;
  cassandraPort: number;
  appPort: number;
  /** Extra environment for the app (e.g. a lifted rate limit). */
  appEnv?: Record<string, string>;
  /** Writes a V8 CPU profile of the app into this directory (open it in Chrome's DevTools). */
  cpuProfileDir?: string;
}): Promise<BenchStack> {
  const runId = Date.now().toString(36);
  const baseUrl = `http://127.0.0.1:${options.appPort}`;
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup().catch((error: unknown) => console.error("cleanup:", error));
  };
  try {
    const cluster = await startCluster({
      dataDir: path.resolve(`.data/bench-${options.name}-cassandra`),
      nativePort: options.cassandraPort,
      log: (line) => console.log(`  cassandra: ${line}`),
    });
    cleanups.unshift(() => cluster.stop());
    const keyspace = `runcoach_bench_${options.name.replaceAll("-", "_")}_${runId}`;
    const settings: CassandraSettings = { contactPoints: cluster.contactPoints, localDataCenter: "datacenter1", keyspace, replicationFactor: 1 };
    await migrateCassandra(settings);
    const cassandra = createCassandraClient(settings, { withKeyspace: true });
    await cassandra.connect();
    cleanups.unshift(async () => {
      await cassandra.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
      await cassandra.shutdown();
    });
    const databaseName = keyspace;
    const databaseUrl = await createTestDatabase(databaseName);
    cleanups.push(() => dropTestDatabase(databaseName));

    const appEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      CASSANDRA_CONTACT_POINTS: cluster.contactPoints.join(","),
      CASSANDRA_KEYSPACE: keyspace,
      LOG_LEVEL: "warn",
      ...options.appEnv,
    };
    for (const script of ["scripts/migrate.ts", "scripts/seed.ts"]) {
      if ((await run("node_modules/.bin/tsx", [script], appEnv)) !== 0) throw new Error(`${script} failed`);
    }
    await ensureBuilt(appEnv);
    const profile = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(options.cpuProfileDir)}`] : [];
    // node itself, not the `next` shim, so the measured and profiled process is the app.
    const app = startBackground(
      process.execPath,
      [...profile, "node_modules/next/dist/bin/next", "start", "-p", String(options.appPort), "-H", "127.0.0.1"],
      {
        env: { ...appEnv, NODE_ENV: "production", BETTER_AUTH_URL: baseUrl, BETTER_AUTH_SECRET: randomBytes(32).toString("base64") },
        logFile: path.resolve(`.data/bench-${options.name}-app.log`),
      },
    );
    cleanups.unshift(() => stopBackground(app));
    await waitForHttp(`${baseUrl}/api/health`, { timeoutMs: 60_000, alive: () => app.exitCode === null });

    return {
      baseUrl,
      databaseUrl,
      settings,
      cassandra,
      appPid: app.pid!,
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
      trpcPost(procedure, cookie, input) {
        return fetch(`${baseUrl}/api/trpc/${procedure}`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify(superjson.serialize(input)),
        });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
