/**
 * Moves one claimed run's points to the cold tier: copy, read back and compare, record in PostgreSQL that the run
 * is cold, only then let the hot copy go. Every step may be cut short by a crash and run again: until the mark,
 * the hot rows are untouched (a half-written version is never read as the whole run, since readers unite every
 * version with the hot rows); after it, a rerun finds the run not due, or folds the late points in again.
 */
import type { Logger } from "pino";
import { sameTrackPoint } from "@/domain/geo/track-point";
import type { ColdLocations } from "../cassandra/cold-locations";
import type { HotLocations } from "../cassandra/location-store";
import { mergeTiers } from "../cassandra/merge-tiers";
import { quantizePoint } from "../cassandra/packed-points";
import type { Database } from "../db";
import { markCold, type ClaimedRun } from "./claims";
import { raiseLatePoints } from "./late-points";

/**
 * The hot rows are deleted with a tombstone dated no later than the newest row the copy read (so however far
 * ahead this host's clock runs, it never hides a write that comes after it) and no later than this long before
 * the copy began. Rows written in that last minute stay hot (they are in the copy too, and readers count a point
 * id once), so a write still in flight when the copy read the table, dated before the newest row it saw, is never
 * deleted unseen: this covers the driver's 5 s request timeout and clock differences between writers under a minute.
 */
export const HOT_WRITE_SETTLE_MS = 60_000;

export class ArchiveMismatchError extends Error {
  readonly code = "ARCHIVE_MISMATCH" as const;
}

export interface ArchiveRunDeps {
  db: Database;
  hot: HotLocations;
  cold: ColdLocations;
  log?: Logger;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

export type ArchiveOutcome =
  /** A new cold version holds every point; the hot rows are gone. */
  | "archived"
  /** Another archiver holds the run now (this one's claim ran out): nothing was deleted. */
  | "claim-lost";

export interface ArchiveRunResult {
  outcome: ArchiveOutcome;
  /** Points in the cold copy. */
  points: number;
  /** Hot rows folded in (all of a run archived for the first time, the late ones after that). */
  hotRows: number;
}

export async function archiveRun(deps: ArchiveRunDeps, token: string, run: ClaimedRun): Promise<ArchiveRunResult> {
  const now = deps.now ?? Date.now;
  const settledMicros = BigInt(now() - HOT_WRITE_SETTLE_MS) * 1000n;
  // Hot before cold, as every reader does (location-store.ts): a row deleted by an archiver that claimed the run
  // before this one is then in the cold versions this read finds.
  const { points: hotRows, newestWriteMicros } = await deps.hot.readWithNewestWrite(run.id);
  const versions = await deps.cold.readVersions(run.id);
  // one copy per point id (mergeTiers keeps the first): the cold tier holds each point once
  const copy = mergeTiers(versions.map((version) => version.points), hotRows).map(quantizePoint);

  const version = await deps.cold.writeVersion(run.id, copy);
  const readBack = (await deps.cold.readVersions(run.id)).find((v) => v.version === version)?.points ?? [];
  const firstDifference = copy.findIndex((point, i) => !readBack[i] || !sameTrackPoint(point, readBack[i]));
  if (readBack.length !== copy.length || firstDifference !== -1) {
    throw new ArchiveMismatchError(
      `run ${run.id}: the cold copy read back ${readBack.length} points of ${copy.length}` +
        (firstDifference === -1 ? "" : `, the first different at ${firstDifference}`),
    );
  }

  if (!(await markCold(deps.db, token, run))) {
    deps.log?.warn({ activityId: run.id }, "archive claim lost to another archiver; hot rows kept");
    return { outcome: "claim-lost", points: copy.length, hotRows: hotRows.length };
  }
  if (newestWriteMicros !== null) {
    await deps.hot.deleteWrittenBefore(run.id, newestWriteMicros < settledMicros ? newestWriteMicros : settledMicros);
  }
  // A point written after the hot read whose Location Service told PostgreSQL before the mark above found the run
  // not cold and raised nothing: look once more, and leave the run due if such a point is there.
  const inCopy = new Set(copy.map((point) => point.id));
  if ((await deps.hot.read(run.id)).some((point) => !inCopy.has(point.id))) await raiseLatePoints(deps.db, run.id);
  await deps.cold.deleteVersionsBefore(run.id, version);
  return { outcome: "archived", points: copy.length, hotRows: hotRows.length };
}
