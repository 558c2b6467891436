/**
 * `npm run records:recompute [-- --user <userId>]`: recomputes every stored run record (or one runner's)
 * from the points in Cassandra, after the record's computation has changed (docs/record.md). Uses the same
 * environment as the app (DATABASE_URL or the PGlite folder, CASSANDRA_*). PGlite opens its folder for one
 * process only: stop the app first when it runs on PGlite (`npm run up` does).
 * Prints its progress; exits non-zero if any run could not be recomputed (each is named).
 */
import { parseArgs } from "node:util";
import { recomputeAllRecords } from "@/server/activities/recompute-all";
import { getCassandra, getLocationStore } from "@/server/cassandra";
import { getDatabaseHandle } from "@/server/db";

const { values } = parseArgs({ options: { user: { type: "string" } } });
const database = getDatabaseHandle();
const started = Date.now();
let lastPrinted = 0;
try {
  const result = await recomputeAllRecords(
    { db: database.db, locationStore: getLocationStore },
    {
      userId: values.user,
      onProgress: ({ done, total }) => {
        if (done !== total && Date.now() - lastPrinted < 1_000) return;
        lastPrinted = Date.now();
        console.log(`recomputed ${done} of ${total} records (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      },
    },
  );
  if (result.total === 0) console.log("no records to recompute");
  for (const { activityId, error } of result.failed) {
    console.error(`could not recompute ${activityId}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (result.failed.length > 0) process.exitCode = 1;
} finally {
  await database.close();
  await (await getCassandra().catch(() => null))?.shutdown();
}
