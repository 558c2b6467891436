/**
 * Import throughput, end to end: a 40 km 1 Hz GPX file (import/forty-km-file.ts) parsed as the browser's worker
 * does (readActivityFile, summariseImport, SHA-256), sent with the browser's own upload code (uploadImport:
 * imports.begin, appendPoints batches of 500 through the app's real tRPC handler over HTTP, imports.finish),
 * written by a Location Service process to Cassandra; timed until every point is read back from Cassandra, and
 * until the record is stored. Runs against the shared servers (or the environment's), in a throwaway database,
 * keyspace and topic prefix of its own.
 *   npm run bench:import            (BENCH_RUNS=3 by default)
 */
import { createHash } from "node:crypto";
import { createTestDatabase, dropTestDatabase } from "../lib/test-postgres";
import { fortyKmGpx } from "./import/forty-km-file";

const NAME = "rc_imp_bench_test";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

process.env.CASSANDRA_CONTACT_POINTS ??= "127.0.0.1:9262";
process.env.CASSANDRA_KEYSPACE ??= NAME;
process.env.KAFKA_BROKERS ??= "127.0.0.1:9292";
process.env.KAFKA_TOPIC_PREFIX ??= NAME;
process.env.LOG_LEVEL ??= "warn";
process.env.BETTER_AUTH_SECRET ??= createHash("sha256").update(String(Math.random())).digest("base64");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  await dropTestDatabase(NAME);
  process.env.DATABASE_URL = await createTestDatabase(NAME);
  const { default: setup } = await import("@/test-support/integration-setup");
  const teardown = await setup();
  const { readActivityFile } = await import("@/domain/import/read-activity-file");
  const { summariseImport } = await import("@/domain/import/import-summary");
  const { uploadImport } = await import("@/app/_lib/import/upload-import");
  const { signUpTestUser, trpcClientFor } = await import("@/test-support/integration");
  const { getLocationStore } = await import("@/server/cassandra");
  const { waitForRecord } = await import("@/test-support/pipeline");
  try {
    const runner = await signUpTestUser("bench");
    const client = trpcClientFor(runner);
    const api = {
      begin: (input: Parameters<typeof client.imports.begin.mutate>[0]) => client.imports.begin.mutate(input),
      appendPoints: (input: Parameters<typeof client.activities.appendPoints.mutate>[0]) => client.activities.appendPoints.mutate(input),
      finish: (input: { activityId: string; finishedAt: number }) => client.imports.finish.mutate(input),
      abandon: (input: { activityId: string }) => client.imports.abandon.mutate(input),
    };
    const store = await getLocationStore();
    for (let run = 1; run <= RUNS; run++) {
      const { xml } = fortyKmGpx(run);
      const bytes = new TextEncoder().encode(xml);
      const t0 = performance.now();
      const track = readActivityFile({ name: "forty-km.gpx", bytes }, Date.now());
      const summary = summariseImport(track);
      const contentHash = createHash("sha256").update(bytes).digest("hex");
      const t1 = performance.now();
      const result = await uploadImport(api, { contentHash, summary, points: track.points });
      const t2 = performance.now();
      if (result.kind !== "imported") throw new Error(`run ${run}: ${result.kind}`);
      while ((await store.read(result.activityId)).length < track.points.length) await sleep(50);
      const t3 = performance.now();
      const row = await waitForRecord(result.activityId, () => true, 60_000);
      const t4 = performance.now();
      const n = track.points.length;
      const perSecond = (ms: number) => Math.round(n / (ms / 1000));
      console.log(
        `run ${run}: ${(bytes.length / 1e6).toFixed(1)} MB, ${n} points, ${(summary.distanceMeters / 1000).toFixed(1)} km ` +
          `(record ${((row.distanceMeters ?? 0) / 1000).toFixed(1)} km) | parse ${(t1 - t0).toFixed(0)} ms (${perSecond(t1 - t0)} pts/s) · ` +
          `upload acked ${(t2 - t1).toFixed(0)} ms (${perSecond(t2 - t1)} pts/s) · all in Cassandra ${(t3 - t0).toFixed(0)} ms ` +
          `→ end to end ${perSecond(t3 - t0)} pts/s · record stored ${(t4 - t0).toFixed(0)} ms`,
      );
    }
  } finally {
    // The database is left for the next run to drop: dropping it under the app's open pool kills the process.
    await teardown();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
