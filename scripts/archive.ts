/**
 * `npm run archive [-- --after-days N]`: one archive pass by hand — every run that started more than N days ago
 * (default ARCHIVE_AFTER_DAYS, 90) moves from the hot table to the cold tier, and archived runs with late points
 * get them folded in (server/archive/). The Location Service does the same on a schedule; both may run at once.
 * Uses the app's environment (DATABASE_URL or the PGlite folder, CASSANDRA_*); on PGlite stop the app first.
 * Prints its progress each second; Ctrl-C stops between two runs, leaving nothing half done. Exits non-zero if
 * any run failed (each is logged, and a later pass tries it again).
 */
import { parseArgs } from "node:util";
import { createArchiver } from "@/server/archive";
import { getCassandra } from "@/server/cassandra";
import { getDatabaseHandle } from "@/server/db";
import { env } from "@/server/env";
import { log } from "@/server/log";

const { values } = parseArgs({ options: { "after-days": { type: "string" } } });
const afterDays = values["after-days"] === undefined ? env().ARCHIVE_AFTER_DAYS : Number(values["after-days"]);
if (!Number.isInteger(afterDays) || afterDays < 0) {
  console.error(`--after-days must be a whole number of days (got ${values["after-days"]})`);
  process.exit(2);
}

const database = getDatabaseHandle();
const abort = new AbortController();
process.on("SIGINT", () => {
  console.log("\n› stopping after the run in hand…");
  abort.abort();
});

const started = Date.now();
let lastPrinted = 0;
const counts = { archived: 0, points: 0, failed: 0 };
const rate = () => counts.archived / Math.max(0.001, (Date.now() - started) / 1000);
try {
  const archiver = createArchiver({ db: database.db, cassandra: getCassandra, keyspace: env().CASSANDRA_KEYSPACE, afterDays, log });
  console.log(`› archiving runs that started more than ${afterDays} days ago`);
  const result = await archiver({
    signal: abort.signal,
    onRun: (run) => {
      if (run.outcome === "archived") {
        counts.archived++;
        counts.points += run.points;
      } else if (run.outcome === "failed") counts.failed++;
      if (Date.now() - lastPrinted < 1_000) return;
      lastPrinted = Date.now();
      console.log(`  ${counts.archived} runs archived (${counts.points.toLocaleString("en")} points), ${counts.failed} failed, ${rate().toFixed(1)} runs/s`);
    },
  });
  console.log(
    `› ${result.archived} of ${result.due} due runs archived (${result.points.toLocaleString("en")} points) in ` +
      `${(result.elapsedMs / 1000).toFixed(1)} s, ${rate().toFixed(1)} runs/s; ${result.failed} failed` +
      (result.claimLost ? `, ${result.claimLost} taken over by another archiver` : "") +
      (result.stoppedEarly ? "; stopped early" : ""),
  );
  if (result.failed > 0) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
  await (await getCassandra().catch(() => null))?.shutdown();
}
