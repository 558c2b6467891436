/** Applies PostgreSQL (drizzle) and Cassandra (CQL) migrations and creates the Kafka topics, using the app's environment. */
import { cassandraSettingsFromEnv } from "@/server/cassandra";
import { migrateCassandra } from "@/server/cassandra/migrate";
import { getDatabaseHandle } from "@/server/db";
import { kafkaSettingsFromEnv } from "@/server/kafka/settings";
import { migrateKafkaTopics } from "@/server/kafka/topics";

const database = getDatabaseHandle();
await database.migrate();
console.log(`postgres (${database.kind}): migrations applied`);
await database.close();
const applied = await migrateCassandra(cassandraSettingsFromEnv());
console.log(`cassandra: ${applied.length ? `applied ${applied.join(", ")}` : "up to date"}`);
const created = await migrateKafkaTopics(kafkaSettingsFromEnv());
console.log(`kafka: ${created.length ? `created ${created.join(", ")}` : "topics up to date"}`);
