/**
 * What the upload tier must know of a run to accept its points (whose it is, its time window) without a
 * PostgreSQL round trip per batch: a bounded cache, one per server process. Why it can never let another
 * runner in:
 * - An activity's owner never changes: the id is taken by the first start event and kept by the row. A run
 *   disappears only with its runner's account (`on delete cascade`), whose sessions go with it, so nobody can
 *   present a session for a cached owner that no longer exists; and a missing run is never cached, so a run
 *   created a moment later is found on the next batch.
 * - The start never moves (a second start is a conflict), and a finish is set once and never undone, so a
 *   finished run's window is fixed: kept for minutes.
 * - An open run may finish on another server at any moment, so its entry is short-lived. Until it expires
 *   this server may accept points up to `OPEN_RUN_TTL_MS` past the finish's tolerance; the record ignores
 *   points after the finish, so they change nothing a runner sees. It outlives the phone's upload interval
 *   (15 s, app/_lib/outbox/cadence.ts): at 15 s nearly every upload read the run again (7 % of the upload
 *   API's CPU at cadence, docs/benchmarks.md).
 */
import { eq } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { Database } from "../db";
import { activities } from "../db/schema";

export interface IngestActivity {
  id: string;
  userId: string;
  startedAt: Date;
  finishedAt: Date | null;
}

export const OPEN_RUN_TTL_MS = 60_000;
export const FINISHED_RUN_TTL_MS = 10 * 60_000;

export interface IngestAccess {
  /** The run, from the cache or PostgreSQL; null when there is no such run (never cached). */
  get(db: Database, activityId: string): Promise<IngestActivity | null>;
  /** Drops what this server knows of the run (its finish was just stored here). */
  forget(activityId: string): void;
}

export function createIngestAccess(options: { maxEntries?: number; now?: () => number } = {}): IngestAccess {
  const cache = new LRUCache<string, IngestActivity>({
    max: options.maxEntries ?? 100_000,
    ttl: OPEN_RUN_TTL_MS,
    ttlAutopurge: false,
    // A clock of the caller's (tests) is read on every get; the default reads performance.now at most once a ms.
    ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
  });
  return {
    async get(db, activityId) {
      const cached = cache.get(activityId);
      if (cached) return cached;
      const [row] = await db
        .select({
          id: activities.id,
          userId: activities.userId,
          startedAt: activities.startedAt,
          finishedAt: activities.finishedAt,
        })
        .from(activities)
        .where(eq(activities.id, activityId))
        .limit(1);
      if (!row) return null;
      cache.set(activityId, row, { ttl: row.finishedAt ? FINISHED_RUN_TTL_MS : OPEN_RUN_TTL_MS });
      return row;
    },
    forget: (activityId) => void cache.delete(activityId),
  };
}

const globalForAccess = globalThis as unknown as { runcoachIngestAccess?: IngestAccess };

/** This process's cache, shared by every request. */
export function getIngestAccess(): IngestAccess {
  globalForAccess.runcoachIngestAccess ??= createIngestAccess();
  return globalForAccess.runcoachIngestAccess;
}
