/**
 * Are the acknowledged points in Cassandra, once each? Reads each run's point ids back at a chosen
 * consistency: LOCAL_QUORUM, what the app reads at, or ALL, which only a fully caught-up ring answers
 * (after a node was down: hints delivered, or repaired).
 */
import cassandra from "cassandra-driver";

export interface StoredCount {
  acknowledged: number;
  present: number;
  missing: number;
  /** Rows beyond the first for one point id (a point written twice under different keys). */
  duplicates: number;
}

export async function countStored(
  client: cassandra.Client,
  acknowledged: ReadonlyMap<string, readonly string[]>,
  consistency: number,
): Promise<StoredCount> {
  const count: StoredCount = { acknowledged: 0, present: 0, missing: 0, duplicates: 0 };
  const runs = [...acknowledged.entries()];
  // A few runs at a time: each read is one partition.
  for (let i = 0; i < runs.length; i += 16) {
    await Promise.all(
      runs.slice(i, i + 16).map(async ([activityId, ids]) => {
        const rows = await client.execute("SELECT point_id FROM locations_by_activity WHERE activity_id = ?", [activityId], {
          prepare: true,
          consistency,
          fetchSize: 100_000,
        });
        const seen = new Map<string, number>();
        for (const row of rows.rows) {
          const id = String(row.get("point_id"));
          seen.set(id, (seen.get(id) ?? 0) + 1);
        }
        count.acknowledged += ids.length;
        for (const id of ids) {
          const times = seen.get(id) ?? 0;
          if (times === 0) count.missing++;
          else count.present++;
          if (times > 1) count.duplicates += times - 1;
        }
      }),
    );
  }
  return count;
}

/** Polls until every acknowledged point is readable at `consistency`; the last count (complete or not). */
export async function waitStored(
  client: cassandra.Client,
  acknowledged: ReadonlyMap<string, readonly string[]>,
  consistency: number,
  timeoutMs: number,
): Promise<StoredCount & { waitedMs: number }> {
  const started = Date.now();
  for (;;) {
    let count: StoredCount;
    try {
      count = await countStored(client, acknowledged, consistency);
    } catch {
      // ALL refused while a replica is still unreachable: ask again.
      count = { acknowledged: -1, present: 0, missing: -1, duplicates: 0 };
    }
    if (count.missing === 0 || Date.now() - started > timeoutMs) return { ...count, waitedMs: Date.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
