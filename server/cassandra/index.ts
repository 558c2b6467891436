/**
 * The app's Cassandra session, connected on first use and shared by every request. A failed connection
 * is not cached, so the next request tries again once Cassandra is back.
 */
import { env } from "../env";
import { createCassandraClient, type CassandraClient, type CassandraSettings } from "./client";
import { createLocationStore, type LocationStore } from "./location-store";

const globalForCassandra = globalThis as unknown as { runcoachCassandra?: Promise<CassandraClient> };

export function cassandraSettingsFromEnv(): CassandraSettings {
  const e = env();
  return {
    contactPoints: e.CASSANDRA_CONTACT_POINTS,
    localDataCenter: e.CASSANDRA_LOCAL_DC,
    keyspace: e.CASSANDRA_KEYSPACE,
    replicationFactor: e.CASSANDRA_REPLICATION_FACTOR,
  };
}

export function getCassandra(): Promise<CassandraClient> {
  if (!globalForCassandra.runcoachCassandra) {
    const client = createCassandraClient(cassandraSettingsFromEnv(), { withKeyspace: true });
    const connecting = client.connect().then(() => client);
    connecting.catch(async () => {
      globalForCassandra.runcoachCassandra = undefined;
      await client.shutdown().catch(() => undefined);
    });
    globalForCassandra.runcoachCassandra = connecting;
  }
  return globalForCassandra.runcoachCassandra;
}

export async function getLocationStore(): Promise<LocationStore> {
  return createLocationStore(await getCassandra());
}
