/**
 * cassandra-driver clients. Every query is prepared and marked idempotent at the client level: the driver
 * retries timeouts only for idempotent statements, and `executeConcurrent` passes no per-query options.
 * Our writes are upserts keyed by client-made ids, so retrying them is always safe.
 */
import cassandra from "cassandra-driver";

export interface CassandraSettings {
  contactPoints: string[];
  localDataCenter: string;
  keyspace: string;
  replicationFactor: number;
}

export function createCassandraClient(settings: CassandraSettings, options: { withKeyspace: boolean }) {
  const consistency =
    settings.replicationFactor >= 3 ? cassandra.types.consistencies.localQuorum : cassandra.types.consistencies.localOne;
  return new cassandra.Client({
    contactPoints: settings.contactPoints,
    localDataCenter: settings.localDataCenter,
    ...(options.withKeyspace ? { keyspace: settings.keyspace } : {}),
    queryOptions: { prepare: true, isIdempotent: true, consistency },
    socketOptions: { connectTimeout: 3_000, readTimeout: 5_000 },
  });
}

export type CassandraClient = cassandra.Client;
