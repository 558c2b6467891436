/**
 * A run's stored points for those who may see it: as a GPX file (every point, time order as Cassandra keeps
 * them, one track segment) and as an elevation profile for the detail page's chart. Only viewers who may
 * see the run get either (the owner, or a permitted friend); anyone else: not found.
 */
import { elevationProfile } from "@/domain/geo/elevation-profile";
import { gpxFileName, writeGpx } from "@/domain/gpx/write-gpx";
import type { LocationStore } from "../cassandra/location-store";
import type { Database } from "../db";
import type { Viewer } from "../access/activity-access";
import { GpxExportPrivateError, LocationStoreUnavailableError } from "../errors";
import { loadVisibleRun } from "./history";

export interface GpxExportDeps {
  db: Database;
  locationStore: () => Promise<LocationStore>;
}

async function readPoints(deps: GpxExportDeps, activityId: string, coldOnly: boolean) {
  try {
    return await (await deps.locationStore()).read(activityId, { coldOnly });
  } catch (error) {
    throw new LocationStoreUnavailableError(error);
  }
}

export async function exportRunGpx(deps: GpxExportDeps, viewer: Viewer | null, activityId: string) {
  const { run, visibility } = await loadVisibleRun(deps.db, viewer, activityId);
  if (visibility.trimRouteEnds) {
    // The raw points would reveal what the trimmed route hides (home privacy): only the owner may export.
    throw new GpxExportPrivateError();
  }
  const points = await readPoints(deps, run.id, run.pointsColdOnly);
  const name = run.courseTitleEn ?? "Run";
  const xml = writeGpx({
    name,
    startedAt: run.startedAt.getTime(),
    segments: [points.map((p) => ({ lat: p.lat, lng: p.lng, ts: p.ts, altitude: p.altitude }))],
  });
  return { fileName: gpxFileName(run.startedAt.getTime()), xml, pointCount: points.length };
}

/**
 * Altitude over distance (at most 200 samples); altitude alone does not reveal where the run began. From the
 * stored record when it has one (no trip to Cassandra), else from the points.
 */
export async function runElevationProfile(deps: GpxExportDeps, viewer: Viewer | null, activityId: string) {
  const { run } = await loadVisibleRun(deps.db, viewer, activityId);
  return run.record?.elevationProfile ?? elevationProfile(await readPoints(deps, run.id, run.pointsColdOnly));
}
