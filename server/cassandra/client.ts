/**
 * cassandra-driver clients. Every query is prepared and marked idempotent at the client level: the driver
 * retries timeouts only for idempotent statements, and `executeConcurrent` passes no per-query options.
 * Our writes are upserts keyed by client-made ids, so retrying them is always safe.
 *
 * A node that went away is tried again at most 5 s apart (the driver's default doubles the wait up to 10
 * minutes: after a one-minute outage the Location Service sat idle ~40 s with Cassandra back, measured by
 * `npm run bench:ingest`); one connection attempt per node every 5 s while it is down costs nothing.
 *
 * Each request's latency goes to `runcoach_cassandra_query_duration_seconds` by statement (the process's
 * request tracker, server/metrics/cassandra-tracker.ts), unless METRICS=off.
 */
import cassandra from "cassandra-driver";
import { cassandraRequestTracker } from "../metrics/cassandra-tracker";

export interface CassandraSettings {
  contactPoints: string[];
  localDataCenter: string;
  keyspace: string;
  replicationFactor: number;
}

export function createCassandraClient(settings: CassandraSettings, options: { withKeyspace: boolean }) {
  const consistency =
    settings.replicationFactor >= 3 ? cassandra.types.consistencies.localQuorum : cassandra.types.consistencies.localOne;
  const requestTracker = cassandraRequestTracker();
  return new cassandra.Client({
    contactPoints: settings.contactPoints,
    localDataCenter: settings.localDataCenter,
    ...(options.withKeyspace ? { keyspace: settings.keyspace } : {}),
    queryOptions: { prepare: true, isIdempotent: true, consistency },
    socketOptions: { connectTimeout: 3_000, readTimeout: 5_000 },
    policies: { reconnection: new cassandra.policies.reconnection.ExponentialReconnectionPolicy(500, 5_000, false) },
    ...(requestTracker ? { requestTracker } : {}),
  });
}

export type CassandraClient = cassandra.Client;
