/**
 * What the server does once when it starts: validate the environment (a bad value stops the process
 * with a message naming the variable), then apply pending PostgreSQL and Cassandra migrations.
 */
import { migrateCassandra } from "./cassandra/migrate";
import { cassandraSettingsFromEnv } from "./cassandra";
import { getDatabaseHandle } from "./db";
import { env, InvalidEnvironmentError } from "./env";
import { log } from "./log";

export async function startServer(): Promise<void> {
  try {
    env();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const database = getDatabaseHandle();
  await database.migrate();
  log.info({ database: database.kind }, "postgres migrations applied");
  try {
    const applied = await migrateCassandra(cassandraSettingsFromEnv());
    log.info({ applied }, "cassandra migrations applied");
  } catch (error) {
    // The app still serves pages without Cassandra; /api/health reports it and ingest answers 503.
    log.error({ err: error }, "cassandra migrations could not run; location ingest is unavailable until they do");
  }
}
