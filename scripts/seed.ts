/** Seeds the course catalog (idempotent). Run after migrations. */
import path from "node:path";
import { getDatabaseHandle } from "@/server/db";
import { readCatalog, seedCatalog } from "@/server/db/seed-catalog";

const database = getDatabaseHandle();
try {
  const result = await seedCatalog(database.db, await readCatalog(path.join(process.cwd(), "seed", "catalog.json")));
  console.log(`seeded ${result.courses} courses in ${result.programs} programs`);
} finally {
  await database.close();
}
