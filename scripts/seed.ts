/** Seeds the course catalog (idempotent). Run after migrations. */
import { getDatabaseHandle } from "@/server/db";
import { readCatalog, seedCatalog } from "@/server/db/seed-catalog";

const database = getDatabaseHandle();
try {
  const result = await seedCatalog(database.db, await readCatalog());
  console.log(`seeded ${result.courses} courses in ${result.programs} programs`);
} finally {
  await database.close();
}
