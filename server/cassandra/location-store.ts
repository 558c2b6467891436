/**
 * Reads and writes one run's GPS points in `locations_by_activity`. A batch of points belongs to one
 * activity, so it is written as a single-partition unlogged batch: one mutation, applied atomically on
 * each replica, and exempt from Cassandra's multi-partition batch-size limits.
 */
import cassandra from "cassandra-driver";
import type { TrackPoint } from "@/domain/geo/track-point";
import type { CassandraClient } from "./client";

/**
 * A point's missing altitude, accuracy or speed is left unset rather than bound as null: a bound null is
 * written as a tombstone cell, and a run recorded on a phone without a barometer would otherwise carry a
 * tombstone per point that every read of the run has to step over. Unset reads back as null just the same.
 */
const orUnset = (value: number | null): number | object => (value === null ? cassandra.types.unset : value);

const INSERT_POINT =
  "INSERT INTO locations_by_activity (activity_id, ts, point_id, lat, lng, altitude, accuracy, speed) " +
  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
const SELECT_POINTS =
  "SELECT point_id, ts, lat, lng, altitude, accuracy, speed FROM locations_by_activity WHERE activity_id = ?";

/** Rows per page when reading a run back: an hour at 1 Hz is 3,600 rows, so most runs are one page. */
const READ_PAGE_SIZE = 5_000;

export interface LocationStore {
  /** Upserts the points; writing the same points again changes nothing. */
  append(activityId: string, points: readonly TrackPoint[]): Promise<void>;
  /** Every stored point of the activity, in time order. */
  read(activityId: string): Promise<TrackPoint[]>;
}

export function createLocationStore(client: CassandraClient): LocationStore {
  return {
    async append(activityId, points) {
      if (points.length === 0) return;
      const queries = points.map((point) => ({
        query: INSERT_POINT,
        params: [
          activityId,
          new Date(point.ts),
          point.id,
          point.lat,
          point.lng,
          orUnset(point.altitude),
          orUnset(point.accuracy),
          orUnset(point.speed),
        ],
      }));
      await client.batch(queries, { prepare: true, logged: false });
    },

    async read(activityId) {
      const points: TrackPoint[] = [];
      let pageState: string | undefined;
      do {
        const result = await client.execute(SELECT_POINTS, [activityId], {
          prepare: true,
          fetchSize: READ_PAGE_SIZE,
          ...(pageState ? { pageState } : {}),
        });
        for (const row of result.rows) {
          points.push({
            id: String(row.get("point_id")),
            ts: (row.get("ts") as Date).getTime(),
            lat: row.get("lat") as number,
            lng: row.get("lng") as number,
            altitude: row.get("altitude") as number | null,
            accuracy: row.get("accuracy") as number | null,
            speed: row.get("speed") as number | null,
          });
        }
        pageState = result.pageState ?? undefined;
      } while (pageState);
      return points;
    },
  };
}
