/**
 * `npm run bench:storage`: the hot and cold tiers side by side, on the real engines. It starts its own Cassandra
 * node (port 9842, data in .data/bench-storage-cassandra) with a fresh keyspace and a throwaway PostgreSQL database,
 * and stops and drops them at the end, so it can run beside `npm run up` (but measure on a quiet machine).
 *
 * It writes BENCH_RUNS (default 100) hour-long runs at 1 Hz (3,601 points each, synthetic tracks with accuracy and
 * altitude, random point ids as phones make them) into the hot table, 120 days old, then:
 *  - bytes per point on disk, hot: `nodetool flush`, then `nodetool tablestats` "Space used (live)";
 *  - the read time of a whole run through the app's reader (hot rows, then cold versions), each run once in turn,
 *    BENCH_READ_ROUNDS (default 3) rounds, after one unmeasured round; the baseline is a one-row query to the same
 *    node (`system.local`), timed the same way in the same run;
 *  - one archive pass (server/archive/) over all of them: runs/s and points/s;
 *  - bytes per point, cold (flush, tablestats) and the same read time again, now from the cold tier: as the app
 *    reads an archived run (the cold copy only) and through both tiers (as for a run with late points pending).
 * Prints a table and a JSON line.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { archivePass } from "@/server/archive/archive-pass";
import { archiveCutoff } from "@/server/archive/archive-settings";
import { createCassandraClient, type CassandraSettings } from "@/server/cassandra/client";
import { createColdLocations } from "@/server/cassandra/cold-locations";
import { createHotLocations, createLocationStore } from "@/server/cassandra/location-store";
import { migrateCassandra } from "@/server/cassandra/migrate";
import { openDatabase } from "@/server/db/client";
import { activities, user } from "@/server/db/schema";
import { startCluster } from "../cassandra/launcher";
import { captureNodetoolOf } from "../cassandra/nodetool";
import { createTestDatabase, dropTestDatabase } from "../lib/test-postgres";
import { seededRandom, syntheticTrack } from "./pages/synthetic-runs";

const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const READ_ROUNDS = Number(process.env.BENCH_READ_ROUNDS ?? 3);
const DATA_DIR = path.join(process.cwd(), ".data", "bench-storage-cassandra");
const runId = Date.now().toString(36);
const keyspace = `bench_storage_${runId}`;
const databaseName = `runcoach_bench_storage_${runId}`;
const DAY_MS = 86_400_000;

interface Timing {
  p50: number;
  p95: number;
  p99: number;
}

function percentiles(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/** Flushes the keyspace's memtables, then reads "Space used (live)" of one table from tablestats. */
async function liveBytes(table: string): Promise<number> {
  const flushed = await captureNodetoolOf(DATA_DIR, ["flush", keyspace]);
  if (flushed.code !== 0) throw new Error(`nodetool flush failed: ${flushed.output}`);
  const stats = await captureNodetoolOf(DATA_DIR, ["tablestats", `${keyspace}.${table}`]);
  const match = /Space used \(live\): (\d+)/.exec(stats.stdout);
  if (stats.code !== 0 || !match) throw new Error(`nodetool tablestats ${table}: ${stats.output.slice(0, 500)}`);
  return Number(match[1]);
}

const cluster = await startCluster({ dataDir: DATA_DIR, nativePort: 9842, log: (line) => console.log(`  cassandra: ${line}`) });
const settings: CassandraSettings = { contactPoints: cluster.contactPoints, localDataCenter: cluster.localDataCenter, keyspace, replicationFactor: 1 };
let dropKeyspace = async () => {};
const databaseUrl = await createTestDatabase(databaseName);
const database = openDatabase({ url: databaseUrl, pgliteDir: "" });
try {
  await database.migrate();
  await migrateCassandra(settings);
  const client = createCassandraClient(settings, { withKeyspace: true });
  await client.connect();
  dropKeyspace = async () => {
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await client.shutdown();
  };
  const store = createLocationStore(client);
  const { db } = database;

  const userId = `bench-${runId}`;
  await db.insert(user).values({ id: userId, name: "bench", email: `${userId}@bench.test`, username: userId });
  const random = seededRandom(3_601);
  const ids: string[] = [];
  const written = performance.now();
  let points = 0;
  for (let i = 0; i < RUNS; i++) {
    const id = randomUUID();
    const startedAt = Date.now() - (120 + i) * DAY_MS;
    const track = syntheticTrack(startedAt, 3_600, 2.8, 1, random).map((p, k) => ({ ...p, speed: k % 3 === 0 ? null : 2.8 }));
    await db.insert(activities).values({ id, userId, startedAt: new Date(startedAt), finishedAt: new Date(startedAt + 3_600_000), status: "completed" });
    for (let k = 0; k < track.length; k += 500) await store.append(id, track.slice(k, k + 500));
    ids.push(id);
    points += track.length;
  }
  console.log(`  wrote ${RUNS} runs, ${points.toLocaleString("en")} points, hot, in ${((performance.now() - written) / 1000).toFixed(1)} s`);

  async function readTimes(coldOnly = false): Promise<{ run: Timing; baseline: Timing }> {
    const run: number[] = [];
    const baseline: number[] = [];
    for (let round = 0; round <= READ_ROUNDS; round++) {
      for (const id of ids) {
        let started = performance.now();
        const read = await store.read(id, { coldOnly });
        const ms = performance.now() - started;
        if (read.length !== 3_601) throw new Error(`run ${id} read back ${read.length} points, not 3,601`);
        started = performance.now();
        await client.execute("SELECT release_version FROM system.local", [], { prepare: true });
        const base = performance.now() - started;
        if (round === 0) continue; // warm-up
        run.push(ms);
        baseline.push(base);
      }
    }
    return { run: percentiles(run), baseline: percentiles(baseline) };
  }

  const hotBytes = await liveBytes("locations_by_activity");
  const hotReads = await readTimes();

  const archiveStarted = performance.now();
  // The archiver's clock two minutes on: the rows were written seconds ago, and a real pass finds them months old
  // (past the minute it leaves hot); the tombstone is still dated at the newest row it read.
  const result = await archivePass(
    { db, hot: createHotLocations(client), cold: createColdLocations(client), now: () => Date.now() + 120_000 },
    { cutoff: archiveCutoff(90), batchSize: 20 },
  );
  const archiveSeconds = (performance.now() - archiveStarted) / 1000;
  if (result.archived !== RUNS || result.points !== points) throw new Error(`the pass archived ${JSON.stringify(result)}`);

  const coldBytes = await liveBytes("cold_locations_by_activity");
  const hotBytesAfter = await liveBytes("locations_by_activity");
  const coldReads = await readTimes(true);
  const bothTierReads = await readTimes(false);

  const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
  const row = (label: string, bytes: number, t: { run: Timing; baseline: Timing }) =>
    `${label.padEnd(6)} ${(bytes / points).toFixed(1).padStart(12)} ${t.run.p50.toFixed(2).padStart(9)} ${t.run.p95.toFixed(2).padStart(9)} ${t.run.p99.toFixed(2).padStart(9)} ${(t.run.p50 / t.baseline.p50).toFixed(1).padStart(9)}`;
  console.log(`\nstorage benchmark: ${RUNS} runs × 3,601 points, ${READ_ROUNDS} read rounds; load average ${load}\n`);
  console.log(`${"tier".padEnd(6)} ${"bytes/point".padStart(12)} ${"read p50".padStart(9)} ${"p95".padStart(9)} ${"p99".padStart(9)} ${"p50/base".padStart(9)}   (ms per whole run)`);
  console.log(row("hot", hotBytes, hotReads));
  console.log(row("cold", coldBytes, coldReads));
  console.log(row("cold+", coldBytes, bothTierReads));
  console.log(`  cold: as the app reads an archived run (its row says the copy is whole: no hot read); cold+: the same`);
  console.log(`  runs read through both tiers, as for a run with late points pending (the shadowed hot rows are read and dropped)`);
  console.log(`\nbaseline (one-row query): p50 ${hotReads.baseline.p50.toFixed(2)} ms (hot round), ${coldReads.baseline.p50.toFixed(2)} ms (cold round)`);
  console.log(`cold/hot bytes per point: ${(coldBytes / hotBytes).toFixed(3)}; cold/hot read p50: ${(coldReads.run.p50 / hotReads.run.p50).toFixed(2)}`);
  console.log(`archive pass: ${RUNS} runs in ${archiveSeconds.toFixed(1)} s = ${(RUNS / archiveSeconds).toFixed(1)} runs/s, ${Math.round(points / archiveSeconds).toLocaleString("en")} points/s`);
  console.log(`hot table after the pass: ${(hotBytesAfter / points).toFixed(1)} bytes/point still on disk (partition tombstones over the rows until compaction or the TTL drops them)`);
  console.log(
    JSON.stringify({ runs: RUNS, points, hotBytes, coldBytes, hotBytesAfter, hotReads, coldReads, bothTierReads, archiveSeconds, load }),
  );
} finally {
  await dropKeyspace().catch((error: unknown) => console.error("cleanup:", error));
  await database.close();
  await dropTestDatabase(databaseName);
  await cluster.stop();
}
