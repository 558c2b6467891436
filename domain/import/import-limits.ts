/**
 * What one import accepts, shared by the browser (to refuse early, with a message) and the server (which checks
 * again and never trusts the browser's parse). Chosen for real files, with room:
 * - 20 files a drop: a season's runs at once, and few enough that the runner can read each file's result.
 * - 50 MB a file: a 24-hour 1 Hz GPX with extensions is about 25 MB; a FIT of the same is under 3 MB.
 * - 200,000 points a run: 55 hours at 1 Hz, 400 upload batches.
 * - 48 hours from first to last point: a 100-mile race, not a watch left recording for a week.
 */
export const MAX_IMPORT_FILES = 20;
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_POINTS = 200_000;
export const MAX_IMPORT_SPAN_MS = 48 * 3600_000;

/**
 * A run already stored counts as the same run when it started within a minute of the file's first point and its
 * distance is within 5 % (or 100 m, for short runs) of the file's: the same run exported from two apps (a GPX
 * from Strava, a FIT from the watch) starts at the same second and differs by the apps' filtering, a few percent.
 */
export const DUPLICATE_START_MS = 60_000;
export const DUPLICATE_DISTANCE_RATIO = 0.05;
export const DUPLICATE_DISTANCE_MIN_METERS = 100;

/** Whether two distances are "similar" in the duplicate rule's sense. */
export function similarDistance(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(DUPLICATE_DISTANCE_MIN_METERS, DUPLICATE_DISTANCE_RATIO * Math.max(a, b));
}
