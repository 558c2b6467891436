/**
 * `npm run up`: the app with seeded data on http://localhost:3000.
 * Starts a local Cassandra node unless CASSANDRA_CONTACT_POINTS points at a cluster and a local Kafka broker
 * unless KAFKA_BROKERS does, keeps PostgreSQL in an embedded PGlite folder unless DATABASE_URL is set,
 * migrates, seeds, builds when sources changed, serves, and runs one Location Service: beside the app as
 * `npm run worker` with a PostgreSQL server, inside the app with PGlite (whose folder one process opens).
 * Ctrl-C stops the app, the writer and the node and broker it started.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { startCluster, type Cluster } from "./cassandra/launcher";
import { startKafka, type KafkaCluster } from "./kafka/launcher";
import { startRedis, type Redis } from "./redis/launcher";
import { startLocationServiceProcess } from "./lib/location-service-process";
import { localAuthSecret } from "./lib/auth-secret";
import { ensureBuilt } from "./lib/build";
import { formatMs, run, startBackground, stopBackground, type Environment } from "./lib/processes";

const ROOT = process.cwd();
const DATA = path.join(ROOT, ".data");
const PORT = Number(process.env.PORT ?? 3000);
const started = Date.now();
mkdirSync(DATA, { recursive: true });

let cluster: Cluster | undefined;
let kafka: KafkaCluster | undefined;
let redis: Redis | undefined;
let server: ReturnType<typeof startBackground> | undefined;
let worker: ReturnType<typeof startBackground> | undefined;
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\n› stopping…");
  if (server) await stopBackground(server);
  if (worker) await stopBackground(worker);
  if (kafka) await kafka.stop();
  if (cluster) await cluster.stop();
  if (redis) await redis.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

async function main() {
  let contactPoints = process.env.CASSANDRA_CONTACT_POINTS;
  if (!contactPoints) {
    cluster = await startCluster({
      dataDir: path.join(DATA, "cassandra"),
      nativePort: 9042,
      log: (line) => console.log(`  cassandra: ${line}`),
    });
    contactPoints = cluster.contactPoints.join(",");
    console.log(`› cassandra ${cluster.releaseVersion} at ${contactPoints}`);
  }

  let brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    kafka = await startKafka({ dataDir: path.join(DATA, "kafka"), port: 9092, log: (line) => console.log(`  kafka: ${line}`) });
    brokers = kafka.bootstrapServers.join(",");
    console.log(`› kafka ${kafka.version} at ${brokers}`);
  }
  // Live runs keep each followed run's state and events in Redis (server/live/): friends can follow the demo.
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    redis = await startRedis({ port: 6390, dataDir: path.join(DATA, "redis"), log: (line) => console.log(`  redis: ${line}`) });
    redisUrl = redis.url;
    console.log(`› redis at ${redisUrl}`);
  }
  // PGlite's folder can be opened by one process only: the Location Service then runs inside the app.
  const embeddedWriter = !process.env.DATABASE_URL;

  const env: Environment = {
    ...process.env,
    CASSANDRA_CONTACT_POINTS: contactPoints,
    KAFKA_BROKERS: brokers,
    REDIS_URL: redisUrl,
    LOCATION_SERVICE: embeddedWriter ? "embedded" : "off",
    BETTER_AUTH_SECRET: localAuthSecret(DATA),
    BETTER_AUTH_URL: process.env.BETTER_AUTH_URL ?? `http://localhost:${PORT}`,
    PGLITE_DIR: process.env.PGLITE_DIR ?? path.join(DATA, "pglite"),
    // A local run shows the demo account's credentials on the sign-in page.
    SHOW_DEMO_ACCOUNT: process.env.SHOW_DEMO_ACCOUNT ?? "1",
  };

  for (const script of ["scripts/migrate.ts", "scripts/seed.ts", "scripts/seed-demo.ts"]) {
    const code = await run("node_modules/.bin/tsx", [script], env);
    if (code !== 0) throw new Error(`${script} failed (exit ${code})`);
  }
  await ensureBuilt(env);

  if (!embeddedWriter) {
    worker = startLocationServiceProcess({ ...env, NODE_ENV: "production" }, path.join(DATA, "location-service.log"));
    worker.on("exit", (code) => {
      if (!stopping) {
        console.error(`the location service exited (code ${code}); see .data/location-service.log`);
        void stopAll(code ?? 1);
      }
    });
    console.log("› location service (npm run worker) started; its log is .data/location-service.log");
  }
  server = startBackground("node_modules/.bin/next", ["start", "-p", String(PORT)], { env: { ...env, NODE_ENV: "production" } });
  server.on("exit", (code) => {
    if (!stopping) {
      console.error(`the app exited (code ${code})`);
      void stopAll(code ?? 1);
    }
  });
  console.log(`\n› RunCoach is starting at http://localhost:${PORT} (ready in ${formatMs(Date.now() - started)}); Ctrl-C stops it\n`);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
});
