/**
 * An imported track as the points the ingest pipeline stores. The ids are derived, not random: the run's id
 * comes from the runner and the file's content (server/activities/import-run.ts), and point `i` of the file's
 * time-ordered track gets the run's id with its last group replaced by `i`. Importing the same file again, or
 * resuming an import cut short, sends the very same ids, which Cassandra upserts: nothing is stored twice.
 */
import type { TrackPoint } from "../geo/track-point";
import type { ImportedPoint } from "./read-activity-file";
import { MAX_IMPORT_POINTS } from "./import-limits";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Point `index` of the imported run `activityId`: unique within the run for any index below 2^48. */
export function importPointId(activityId: string, index: number): string {
  if (!UUID.test(activityId)) throw new RangeError(`not a UUID: ${activityId}`);
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** 48) throw new RangeError(`bad point index ${index}`);
  return `${activityId.slice(0, 24)}${index.toString(16).padStart(12, "0")}`;
}

export function toTrackPoints(activityId: string, points: readonly ImportedPoint[], from = 0): TrackPoint[] {
  if (points.length > MAX_IMPORT_POINTS) throw new RangeError(`more than ${MAX_IMPORT_POINTS} points`);
  return points.map((point, offset) => ({
    id: importPointId(activityId, from + offset),
    ts: point.ts,
    lat: point.lat,
    lng: point.lng,
    altitude: point.altitude,
    // Files rarely carry an accuracy; none means "not known", which the record's filter accepts.
    accuracy: null,
    speed: null,
  }));
}

/** The track in upload batches of at most `size` points, each with its derived ids. */
export function* pointBatches(activityId: string, points: readonly ImportedPoint[], size: number): Generator<TrackPoint[]> {
  for (let from = 0; from < points.length; from += size) {
    yield toTrackPoints(activityId, points.slice(from, from + size), from);
  }
}
