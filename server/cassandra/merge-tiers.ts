/**
 * One run's points from both tiers as one list. A point id is the point's identity (the phone's retry sends the
 * same id again): the first copy found is kept, the oldest cold version first, then the hot rows, so a re-sent
 * point that reached the hot table after its run was archived is not counted twice. A run with nothing cold is
 * returned exactly as the hot table has it.
 */
import { compareTrackPoints, type TrackPoint } from "@/domain/geo/track-point";

export function mergeTiers(coldVersions: readonly (readonly TrackPoint[])[], hot: readonly TrackPoint[]): TrackPoint[] {
  if (coldVersions.every((points) => points.length === 0)) return [...hot];
  // the common cold read: one version (already in order, each id once) and nothing hot since
  if (coldVersions.length === 1 && hot.length === 0) return [...coldVersions[0]!];
  const byId = new Map<string, TrackPoint>();
  for (const points of [...coldVersions, hot]) {
    for (const point of points) if (!byId.has(point.id)) byId.set(point.id, point);
  }
  return [...byId.values()].sort(compareTrackPoints);
}
