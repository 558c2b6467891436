/**
 * One run's GPS points. Writes go to the hot table, `locations_by_activity`: a batch of points belongs to one
 * activity, so it is written as a single-partition unlogged batch: one mutation, applied atomically on each
 * replica, and exempt from Cassandra's multi-partition batch-size limits. Reads find a run wherever it lives: the
 * hot rows, then the cold versions (cold-locations.ts), united by point id (merge-tiers.ts).
 */
import cassandra from "cassandra-driver";
import type { TrackPoint } from "@/domain/geo/track-point";
import type { CassandraClient } from "./client";
import { createColdLocations, type ColdLocations } from "./cold-locations";
import { mergeTiers } from "./merge-tiers";

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
const SELECT_POINTS_WRITTEN =
  "SELECT point_id, ts, lat, lng, altitude, accuracy, speed, WRITETIME(lat) AS written FROM locations_by_activity WHERE activity_id = ?";
/** Cells written at or before the given time (microseconds, the write timestamps' unit); later ones stay. */
const DELETE_WRITTEN_BEFORE = "DELETE FROM locations_by_activity USING TIMESTAMP ? WHERE activity_id = ?";

/** Rows per page when reading a run back: an hour at 1 Hz is 3,600 rows, so most runs are one page. */
const READ_PAGE_SIZE = 5_000;

export interface LocationStore {
  /** Upserts the points; writing the same points again changes nothing. */
  append(activityId: string, points: readonly TrackPoint[]): Promise<void>;
  /**
   * Every stored point of the activity, hot or cold, in time order. `coldOnly` (the run's row says its cold copy
   * has every point: server/archive/cold-only.ts) skips the hot rows.
   */
  read(activityId: string, options?: { coldOnly?: boolean }): Promise<TrackPoint[]>;
}

export interface HotLocations extends LocationStore {
  /** The hot rows only. */
  read(activityId: string): Promise<TrackPoint[]>;
  /** The hot rows and the newest write timestamp among them (microseconds; null when there are none). */
  readWithNewestWrite(activityId: string): Promise<{ points: TrackPoint[]; newestWriteMicros: bigint | null }>;
  /** Deletes the run's hot rows written at or before `writtenAtMicros` (a partition tombstone at that time). */
  deleteWrittenBefore(activityId: string, writtenAtMicros: bigint): Promise<void>;
}

/**
 * Reads the hot rows first, the cold ones second: the archiver writes the cold copy before it deletes the hot
 * one, so a hot read that comes too late to see the rows is followed by a cold read that sees the copy. Read
 * the other way round (or side by side), a read landing between the two steps could find neither.
 */
export function createLocationStore(client: CassandraClient): LocationStore {
  const hot = createHotLocations(client);
  const cold: ColdLocations = createColdLocations(client);
  return {
    append: hot.append,
    async read(activityId, options) {
      const hotPoints = options?.coldOnly ? [] : await hot.read(activityId);
      const versions = await cold.readVersions(activityId);
      return mergeTiers(
        versions.map((v) => v.points),
        hotPoints,
      );
    },
  };
}

export function createHotLocations(client: CassandraClient): HotLocations {
  return {
    async deleteWrittenBefore(activityId, writtenAtMicros) {
      await client.execute(DELETE_WRITTEN_BEFORE, [cassandra.types.Long.fromString(writtenAtMicros.toString()), activityId], {
        prepare: true,
      });
    },

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
      return (await readPages(client, SELECT_POINTS, activityId)).map(pointOf);
    },

    async readWithNewestWrite(activityId) {
      const rows = await readPages(client, SELECT_POINTS_WRITTEN, activityId);
      let newest: bigint | null = null;
      for (const row of rows) {
        const written = BigInt(String(row.get("written")));
        if (newest === null || written > newest) newest = written;
      }
      return { points: rows.map(pointOf), newestWriteMicros: newest };
    },
  };
}

async function readPages(client: CassandraClient, query: string, activityId: string): Promise<cassandra.types.Row[]> {
  const rows: cassandra.types.Row[] = [];
  let pageState: string | undefined;
  do {
    const result = await client.execute(query, [activityId], { prepare: true, fetchSize: READ_PAGE_SIZE, ...(pageState ? { pageState } : {}) });
    rows.push(...result.rows);
    pageState = result.pageState ?? undefined;
  } while (pageState);
  return rows;
}

function pointOf(row: cassandra.types.Row): TrackPoint {
  return {
    id: String(row.get("point_id")),
    ts: (row.get("ts") as Date).getTime(),
    lat: row.get("lat") as number,
    lng: row.get("lng") as number,
    altitude: row.get("altitude") as number | null,
    accuracy: row.get("accuracy") as number | null,
    speed: row.get("speed") as number | null,
  };
}
