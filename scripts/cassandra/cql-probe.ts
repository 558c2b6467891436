/** Questions asked of exactly one node over CQL (readiness, peers), with a driver that talks to no other node. */
import cassandra from 'cassandra-driver';
import { LOCAL_DATA_CENTER } from './config';

/** Connects to host:port only, runs `ask`, shuts the client down; rejects if the node does not answer. */
async function askNode<T>(
  host: string,
  port: number,
  ask: (client: cassandra.Client) => Promise<T>,
  socketOptions?: cassandra.ClientOptions['socketOptions'],
): Promise<T> {
  const endpoint = `${host}:${port}`;
  const lb = cassandra.policies.loadBalancing;
  const client = new cassandra.Client({
    contactPoints: [endpoint],
    localDataCenter: LOCAL_DATA_CENTER,
    policies: { loadBalancing: new lb.AllowListPolicy(new lb.DCAwareRoundRobinPolicy(LOCAL_DATA_CENTER), [endpoint]) },
    ...(socketOptions ? { socketOptions } : {}),
  });
  try {
    await client.connect();
    return await ask(client);
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}

/** `SELECT release_version FROM system.local` on exactly this node; null if it does not answer. */
export async function queryReleaseVersion(host: string, port: number): Promise<string | null> {
  const ask = async (client: cassandra.Client): Promise<string | null> => {
    const rs = await client.execute('SELECT release_version FROM system.local');
    const v: unknown = rs.first()?.get('release_version');
    return typeof v === 'string' ? v : null;
  };
  return askNode(host, port, ask, { connectTimeout: 5000, readTimeout: 10_000 }).catch(() => null);
}

/** How many peers this node lists in system.peers; -1 if it does not answer. */
export async function peerCount(host: string, port: number): Promise<number> {
  const ask = async (client: cassandra.Client): Promise<number> =>
    (await client.execute('SELECT peer FROM system.peers')).rowLength;
  return askNode(host, port, ask).catch(() => -1);
}

/**
 * Address → gossip generation of every endpoint this node knows (system_views.gossip_info); null if it does not
 * answer. A node's generation is new on each start (its start time in seconds, or one more than the last).
 */
export async function gossipGenerations(host: string, port: number): Promise<Map<string, number> | null> {
  const ask = async (client: cassandra.Client): Promise<Map<string, number>> => {
    const rs = await client.execute('SELECT address, generation FROM system_views.gossip_info');
    return new Map(rs.rows.map((r) => [String(r.get('address')), Number(r.get('generation'))]));
  };
  return askNode(host, port, ask).catch(() => null);
}
