/** Seeds the demo runner and friend (idempotent). Run after migrations and the catalog seed. */
import path from "node:path";
import { getAuth } from "@/server/auth";
import { getCassandra, getLocationStore } from "@/server/cassandra";
import { getDatabaseHandle } from "@/server/db";
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
} finally {
  await database.close();
  await (await getCassandra()).shutdown();
}
