/**
 * Global setup for integration tests: checks that the run points at throwaway stores (the test command
 * creates them), then applies both sets of migrations and seeds the catalog once.
 */
import { cassandraSettingsFromEnv } from "@/server/cassandra";
import { migrateCassandra } from "@/server/cassandra/migrate";
import { openDatabase } from "@/server/db/client";
import { readCatalog, seedCatalog } from "@/server/db/seed-catalog";

export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Integration tests need DATABASE_URL and CASSANDRA_*: run them through `npm test`.");
  const databaseName = new URL(url).pathname.slice(1);
  if (!databaseName.includes("test")) {
    throw new Error(`Refusing to run integration tests against database "${databaseName}": its name must contain "test"`);
  }
  const keyspace = process.env.CASSANDRA_KEYSPACE ?? "";
  if (!keyspace.includes("test")) {
    throw new Error(`Refusing to run integration tests against keyspace "${keyspace}": its name must contain "test"`);
  }
  const database = openDatabase({ url, pgliteDir: "" });
  await database.migrate();
  await seedCatalog(database.db, await readCatalog());
  await database.close();
  await migrateCassandra(cassandraSettingsFromEnv());
}
