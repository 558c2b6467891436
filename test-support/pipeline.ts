/**
 * Waiting for the location pipeline in integration tests: an upload is acknowledged once Kafka has it, and
 * the Location Service (started by the integration setup) writes it to Cassandra and computes records
 * a moment later. These poll the real stores until what a test expects is there, or fail naming what is not.
 */
import { eq } from "drizzle-orm";
import type { TrackPoint } from "@/domain/geo/track-point";
import { getLocationStore } from "@/server/cassandra";
import { getDb } from "@/server/db";
import { activities } from "@/server/db/schema";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
    value = await read();
  }
  return value;
}

/** The run's stored points once every id in `ids` is in Cassandra. */
export async function waitForPoints(activityId: string, ids: readonly string[], timeoutMs = 20_000): Promise<TrackPoint[]> {
  const store = await getLocationStore();
  return poll(
    `${ids.length} points of ${activityId} in Cassandra`,
    () => store.read(activityId),
    (points) => {
      const stored = new Set(points.map((point) => point.id));
      return ids.every((id) => stored.has(id));
    },
    timeoutMs,
  );
}

type ActivityRow = typeof activities.$inferSelect;

/**
 * The activity row once its record is no longer owed (every request computed) and `also` holds of it: a late
 * batch is acknowledged before the Location Service asks for the record again, so a test waiting for it
 * says what the new record must show (`(row) => row.pointCount === 3`).
 */
export async function waitForRecord(
  activityId: string,
  also: (row: ActivityRow) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<ActivityRow> {
  const row = await poll(
    `the record of ${activityId}`,
    async () => (await getDb().select().from(activities).where(eq(activities.id, activityId)).limit(1))[0],
    (row) =>
      !!row && row.finishedAt !== null && row.recordComputedSeq >= row.recordRequestedSeq && row.recordComputedAt !== null && also(row),
    timeoutMs,
  );
  return row!;
}
