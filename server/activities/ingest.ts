/**
 * The upload tier's work on a batch of points: take a unit of the runner's budget, check the run is theirs
 * and every point inside its time window, and hand the batch to Kafka. The batch is acknowledged only once
 * Kafka has it on every in-sync replica; the Location Service writes it to Cassandra after. Nothing here
 * touches Cassandra, and PostgreSQL only when the run is not in this server's cache (ingest-access.ts).
 */
import { sameTrackPoint } from "@/domain/geo/track-point";
import type { LiveAnswer } from "@/domain/live/cheers";
import type { LocationPublisher } from "../kafka/producer";
import type { Database } from "../db";
import type { IngestLimiter } from "../rate-limit/ingest-limiter";
import { ActivityNotFoundError, InvalidPointsError } from "../errors";
import type { IngestAccess, IngestActivity } from "./ingest-access";
import type { AppendPointsInput } from "./schemas";

/** Clock skew we accept between a phone and the server, in either direction. */
export const CLOCK_TOLERANCE_MS = 2 * 60_000;

export interface IngestDeps {
  db: Database;
  publisher: LocationPublisher;
  access: IngestAccess;
  /** Per-runner upload budget; checked before anything is read or written. */
  limiter?: IngestLimiter;
  now?: () => number;
  /** Follows the batch into Kafka's headers and the writer's log line. */
  requestId?: string;
  /**
   * Live runs (server/live/cheers.ts): acknowledges the cheers the phone heard and says who follows and which
   * cheers wait. Best effort: an upload never fails for it.
   */
  liveAnswer?: ((activityId: string, acknowledgedCheers: readonly string[]) => Promise<LiveAnswer | null>) | null;
}

/** Rejects the whole batch if any point falls outside the run's time window (or in the future). */
function checkPointWindow(activity: IngestActivity, points: AppendPointsInput["points"], now: number) {
  const earliest = activity.startedAt.getTime() - CLOCK_TOLERANCE_MS;
  const latest = Math.min(now, activity.finishedAt?.getTime() ?? now) + CLOCK_TOLERANCE_MS;
  const index = points.findIndex((point) => point.ts < earliest || point.ts > latest);
  if (index >= 0) {
    throw new InvalidPointsError(
      `points.${index}.ts: ${new Date(points[index]!.ts).toISOString()} is outside the activity's time window ` +
        `(${new Date(earliest).toISOString()} to ${new Date(latest).toISOString()})`,
    );
  }
}

/**
 * A point id is the point's identity: one batch naming it twice with another time or position contradicts itself,
 * and is refused naming both copies (the same copy twice is a harmless repeat). Copies in different batches are
 * only seen by readers, which keep the earlier-timed one (server/cassandra/merge-tiers.ts).
 */
function checkPointIds(points: AppendPointsInput["points"]) {
  const first = new Map<string, number>();
  points.forEach((point, index) => {
    const earlier = first.get(point.id);
    if (earlier === undefined) return void first.set(point.id, index);
    if (!sameTrackPoint(points[earlier]!, point)) {
      throw new InvalidPointsError(`points.${index}.id: ${point.id} is also points.${earlier}, with another time or position`);
    }
  });
}

/** Accepts a batch of points; returns the ids accepted (all of them: the batch is one Kafka message). */
export async function appendPoints(deps: IngestDeps, userId: string, input: AppendPointsInput) {
  checkPointIds(input.points);
  await deps.limiter?.consume(userId);
  const activity = await deps.access.get(deps.db, input.activityId);
  // Another runner's run is answered as one that does not exist: a stranger must not learn that an id is taken.
  if (!activity || activity.userId !== userId) throw new ActivityNotFoundError(input.activityId);
  const now = (deps.now ?? Date.now)();
  checkPointWindow(activity, input.points, now);
  // Side by side with the produce: the answer waits for Kafka anyway, so the live part costs no latency.
  const live = deps.liveAnswer?.(activity.id, input.ackCheers ?? []).catch(() => null) ?? null;
  await deps.publisher.publish(
    [{ kind: "points", activityId: activity.id, userId, points: input.points, receivedAt: now }],
    deps.requestId,
  );
  const stored = input.points.map((point) => point.id);
  const liveAnswer = await live;
  return liveAnswer ? { stored, live: liveAnswer } : { stored };
}
