/**
 * Seeds the demo runner and friend (idempotent), then runs an archive pass so the demo's year-old runs are in the
 * cold tier as they would be in a real deployment. Run after migrations and the catalog seed.
 */
import path from "node:path";
import { createArchiver } from "@/server/archive";
import { getAuth } from "@/server/auth";
import { getCassandra, getLocationStore } from "@/server/cassandra";
import { getDatabaseHandle } from "@/server/db";
import { env } from "@/server/env";
import { DEMO_FRIEND, DEMO_PASSWORD, DEMO_RUNNER, seedDemo } from "@/server/demo/seed-demo";

const database = getDatabaseHandle();
try {
  const result = await seedDemo({
    db: database.db,
    auth: getAuth(),
    locationStore: getLocationStore,
    tracksDir: process.env.GPX_FIXTURES_DIR ?? path.resolve(process.cwd(), "..", "shared", "gpx"),
  });
  console.log(
    result.created
      ? `demo: ${result.runs} runs for ${DEMO_RUNNER.email} and ${DEMO_FRIEND.email} (password ${DEMO_PASSWORD})`
      : "demo: already seeded",
  );
  if (result.created) {
    const archived = await createArchiver({
      db: database.db,
      cassandra: getCassandra,
      keyspace: env().CASSANDRA_KEYSPACE,
      afterDays: env().ARCHIVE_AFTER_DAYS,
    })();
    console.log(`demo: ${archived.archived} runs older than ${env().ARCHIVE_AFTER_DAYS} days moved to the cold tier`);
  }
} finally {
  await database.close();
  await (await getCassandra()).shutdown();
}
