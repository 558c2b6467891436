/** Applies PostgreSQL (drizzle) and Cassandra (CQL) migrations using the app's environment. */
import { cassandraSettingsFromEnv } from "@/server/cassandra";
import { migrateCassandra } from "@/server/cassandra/migrate";
import { getDatabaseHandle } from "@/server/db";

const database = getDatabaseHandle();
await database.migrate();
console.log(`postgres (${database.kind}): migrations applied`);
await database.close();
const applied = await migrateCassandra(cassandraSettingsFromEnv());
console.log(`cassandra: ${applied.length ? `applied ${applied.join(", ")}` : "up to date"}`);
