/**
 * Recomputes every stored record from its points (`npm run records:recompute`). The record is derived data:
 * when the filter or the record's shape improves (docs/record.md), this brings the runs already recorded up
 * to date, from the raw points that were kept for exactly this. Only runs that have a record are redone (an
 * unfinished run gets its record when it finishes), all runners' or one runner's. Pages through the activities by id, a few at a time,
 * and goes on past a run that fails, reporting it, so one bad run does not hold back the rest.
 */
import { and, asc, count, eq, gt, isNotNull } from "drizzle-orm";
import { activities } from "../db/schema";
import { computeAndStoreRecord, requestRecords, type RecordJobDeps } from "./record-job";

export interface RecomputeProgress {
  done: number;
  total: number;
  failed: { activityId: string; error: unknown }[];
}

const PAGE = 200;

export async function recomputeAllRecords(
  deps: RecordJobDeps,
  options: { userId?: string; concurrency?: number; onProgress?: (progress: RecomputeProgress) => void } = {},
): Promise<RecomputeProgress> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const hasRecord = options.userId
    ? and(isNotNull(activities.recordComputedAt), eq(activities.userId, options.userId))!
    : isNotNull(activities.recordComputedAt);
  const [{ total } = { total: 0 }] = await deps.db.select({ total: count() }).from(activities).where(hasRecord);
  const progress: RecomputeProgress = { done: 0, total, failed: [] };
  let after = "";
  for (;;) {
    const page = await deps.db
      .select({ id: activities.id })
      .from(activities)
      .where(after ? and(hasRecord, gt(activities.id, after)) : hasRecord)
      .orderBy(asc(activities.id))
      .limit(PAGE);
    if (page.length === 0) break;
    const ids = page.map((row) => row.id);
    // A small pool: each recomputation reads a run's points from Cassandra, which is the slow part.
    await Promise.all(
      Array.from({ length: Math.min(concurrency, ids.length) }, async () => {
        for (let id = ids.shift(); id !== undefined; id = ids.shift()) {
          try {
            // The same job the Location Service runs; asked for first, so the run says "computing…" meanwhile.
            await requestRecords(deps.db, [id]);
            await computeAndStoreRecord(deps, id);
          } catch (error) {
            progress.failed.push({ activityId: id, error });
          }
          progress.done++;
          options.onProgress?.(progress);
        }
      }),
    );
    after = page.at(-1)!.id;
  }
  return progress;
}
