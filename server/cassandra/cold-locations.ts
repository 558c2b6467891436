/**
 * The cold tier, `cold_locations_by_activity`: a run's points packed in chunks (packed-points.ts), one version
 * per archiving. Versions are only ever added and then pruned below the newest verified one, never rewritten in
 * place, so two archivers that met on one run (a claim that expired under a stalled process) can at worst leave
 * an extra older version behind, never a chunk that lost a point the other had read.
 */
import cassandra from "cassandra-driver";
import type { TrackPoint } from "@/domain/geo/track-point";
import type { CassandraClient } from "./client";
import { PACKED_POINTS_FORMAT, packPoints, unpackPoints } from "./packed-points";

/** Points per chunk: an hour at 1 Hz is one chunk of ~90 KB, a 24-hour ultra 22 of them, none near Cassandra's cell limits. */
export const COLD_CHUNK_POINTS = 4_096;

const INSERT_CHUNK =
  "INSERT INTO cold_locations_by_activity (activity_id, version, chunk, format, point_count, first_ts, last_ts, points) " +
  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
const SELECT_CHUNKS = "SELECT version, points FROM cold_locations_by_activity WHERE activity_id = ?";
const DELETE_OLDER_VERSIONS = "DELETE FROM cold_locations_by_activity WHERE activity_id = ? AND version < ?";

export interface ColdVersion {
  version: string;
  /** Every point of the version's chunks, in chunk order (so in (ts, id) order). */
  points: TrackPoint[];
}

export interface ColdLocations {
  /** Writes the points (in (ts, id) order) as a new version; returns its id. */
  writeVersion(activityId: string, points: readonly TrackPoint[]): Promise<string>;
  /** Every version stored for the run, oldest first; none for a run never archived. */
  readVersions(activityId: string): Promise<ColdVersion[]>;
  /** Deletes the versions older than `version` (once `version` is verified). */
  deleteVersionsBefore(activityId: string, version: string): Promise<void>;
}

export function createColdLocations(client: CassandraClient): ColdLocations {
  return {
    async writeVersion(activityId, points) {
      const version = cassandra.types.TimeUuid.now();
      const chunks = Math.max(1, Math.ceil(points.length / COLD_CHUNK_POINTS));
      // One statement per chunk (a batch of them could pass the batch size limit); a version missing a chunk
      // because of a crash is never verified, so nothing relies on it and the next archiving prunes it.
      for (let chunk = 0; chunk < chunks; chunk++) {
        const slice = points.slice(chunk * COLD_CHUNK_POINTS, (chunk + 1) * COLD_CHUNK_POINTS);
        await client.execute(
          INSERT_CHUNK,
          [
            activityId,
            version,
            chunk,
            PACKED_POINTS_FORMAT,
            slice.length,
            slice.length ? new Date(slice[0]!.ts) : null,
            slice.length ? new Date(slice[slice.length - 1]!.ts) : null,
            packPoints(slice),
          ],
          { prepare: true },
        );
      }
      return version.toString();
    },

    async readVersions(activityId) {
      const result = await client.execute(SELECT_CHUNKS, [activityId], { prepare: true, fetchSize: 1_000 });
      const rows = [...result.rows];
      let pageState = result.pageState;
      while (pageState) {
        const next = await client.execute(SELECT_CHUNKS, [activityId], { prepare: true, fetchSize: 1_000, pageState });
        rows.push(...next.rows);
        pageState = next.pageState;
      }
      const versions: ColdVersion[] = [];
      for (const row of rows) {
        const version = String(row.get("version"));
        if (versions.at(-1)?.version !== version) versions.push({ version, points: [] });
        versions.at(-1)!.points.push(...unpackPoints(row.get("points") as Buffer));
      }
      return versions;
    },

    async deleteVersionsBefore(activityId, version) {
      await client.execute(DELETE_OLDER_VERSIONS, [activityId, version], { prepare: true });
    },
  };
}
