/**
 * What the browser tells the server about a file before sending its points: its bounds, and the distance the
 * server's own record computation will find (computeRecord over the same points, no pauses, no course), so the
 * duplicate rule compares like with like. The server uses the distance only to decide "same run as one stored";
 * every stored number is computed again from the stored points.
 */
import { computeRecord } from "../record/compute-record";
import type { ImportedTrack } from "./read-activity-file";
import { toTrackPoints } from "./import-points";

export interface ImportSummary {
  format: ImportedTrack["format"];
  startedAt: number;
  finishedAt: number;
  pointCount: number;
  distanceMeters: number;
}

/** A placeholder id: the summary's distance does not depend on point ids. */
const SUMMARY_RUN_ID = "00000000-0000-4000-8000-000000000000";

export function summariseImport(track: ImportedTrack): ImportSummary {
  const record = computeRecord({
    points: toTrackPoints(SUMMARY_RUN_ID, track.points),
    startedAt: track.startedAt,
    finishedAt: track.finishedAt,
    pauses: [],
    courseSteps: [],
  });
  return {
    format: track.format,
    startedAt: track.startedAt,
    finishedAt: track.finishedAt,
    pointCount: track.points.length,
    distanceMeters: record.distanceMeters,
  };
}
