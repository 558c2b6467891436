/** Kafka protocol checks through @platformatic/kafka: "does this broker answer, and whom does it know?" */
import { Admin } from '@platformatic/kafka';

function admin(bootstrap: readonly string[], timeoutMs: number): Admin {
  return new Admin({
    clientId: 'runcoach-kafka-launcher',
    bootstrapBrokers: [...bootstrap],
    // a readiness probe: one quick attempt, the caller's loop does the retrying
    retries: 0,
    timeout: timeoutMs,
    connectTimeout: timeoutMs,
  });
}

/**
 * The node ids of the brokers that `host:port` lists in a Metadata response (registered and unfenced), or null
 * if it does not answer.
 */
export async function brokersSeenBy(hostPort: string, timeoutMs = 3000): Promise<number[] | null> {
  const client = admin([hostPort], timeoutMs);
  try {
    const md = await client.metadata({ topics: [], forceUpdate: true });
    return [...md.brokers.keys()].sort((a, b) => a - b);
  } catch {
    return null;
  } finally {
    await client.close().catch(() => undefined);
  }
}

export interface TopicSummary {
  name: string;
  partitions: number;
  /** Replicas of partition 0 (every partition has the same count). */
  replicas: number;
  /** Smallest in-sync replica count over the partitions: < replicas means some partition is under-replicated. */
  minIsr: number;
  leaders: number[];
}

/*
 * Only the app's topics: @platformatic/kafka 1.35's metadata() fails on internal ones such as __consumer_offsets
 * ("Cannot read properties of undefined (reading 'partitionsCount')").
 */

/** The cluster's (non-internal) topics with partition and replica counts. */
export async function describeTopics(bootstrap: readonly string[]): Promise<TopicSummary[]> {
  const client = admin(bootstrap, 10_000);
  try {
    const names = (await client.listTopics()).sort();
    if (names.length === 0) return [];
    const md = await client.metadata({ topics: names, forceUpdate: true });
    return names.map((name) => {
      const t = md.topics.get(name);
      const parts = t?.partitions ?? [];
      return {
        name,
        partitions: t?.partitionsCount ?? parts.length,
        replicas: parts[0]?.replicas.length ?? 0,
        minIsr: parts.length ? Math.min(...parts.map((p) => p.isr.length)) : 0,
        leaders: parts.map((p) => p.leader),
      };
    });
  } finally {
    await client.close().catch(() => undefined);
  }
}

/**
 * How many partitions of the (non-internal) topics list `nodeId` as a replica but not in their ISR (0 once a
 * restarted broker has caught up), or null if the cluster does not answer.
 */
export async function partitionsOutOfSync(bootstrap: readonly string[], nodeId: number): Promise<number | null> {
  const client = admin(bootstrap, 5000);
  try {
    const names = await client.listTopics();
    if (names.length === 0) return 0;
    const md = await client.metadata({ topics: names, forceUpdate: true });
    let behind = 0;
    for (const t of md.topics.values()) {
      for (const p of t.partitions) if (p.replicas.includes(nodeId) && !p.isr.includes(nodeId)) behind++;
    }
    return behind;
  } catch {
    return null;
  } finally {
    await client.close().catch(() => undefined);
  }
}
