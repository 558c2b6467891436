/**
 * One run's points from both tiers as one list. A point id is the point's identity (the phone's retry sends the
 * same id again): one copy per id is kept, the first found, the oldest cold version first, then the hot rows in
 * the order the table keeps them, (ts, point_id): so of two hot rows with one id (a client that sent the id again
 * with another time) the earlier-timed one is the point, for every reader alike (the record and its counts, the
 * GPX, the elevation profile, the archiver's copy), and a re-sent point that reached the hot table after its run
 * was archived is not counted twice. Ingest refuses conflicting copies within one batch (ingest.ts); across
 * batches only a reader can see them, so this is where the rule lives.
 */
import { compareTrackPoints, type TrackPoint } from "@/domain/geo/track-point";

export function mergeTiers(coldVersions: readonly (readonly TrackPoint[])[], hot: readonly TrackPoint[]): TrackPoint[] {
  if (coldVersions.every((points) => points.length === 0)) return firstCopies(hot);
  // the common cold read: one version (already in order, each id once) and nothing hot since
  if (coldVersions.length === 1 && hot.length === 0) return [...coldVersions[0]!];
  const byId = new Map<string, TrackPoint>();
  for (const points of [...coldVersions, hot]) {
    for (const point of points) if (!byId.has(point.id)) byId.set(point.id, point);
  }
  return [...byId.values()].sort(compareTrackPoints);
}

/** The points in their order, each id once (its first copy). */
function firstCopies(points: readonly TrackPoint[]): TrackPoint[] {
  const seen = new Set<string>();
  return points.filter((point) => !seen.has(point.id) && (seen.add(point.id), true));
}
