/**
 * How often a running phone offers its waiting GPS fixes to the uploader. Nothing a runner sees depends on
 * the server having the last few fixes (the live distance is computed on the phone, friends see finished
 * runs), so fixes travel in batches: at one fix a second that is ~15 points a request, and the server
 * carries several times more runners than with an upload every few seconds (docs/benchmarks.md). The finish,
 * a pause, leaving the page and coming back online upload at once regardless.
 */
export const POINT_UPLOAD_INTERVAL_MS = 15_000;

/**
 * While a friend follows the run live (the upload's answer says so, app/_lib/live/live-inbox.ts), fixes go up
 * this often instead, so a fix reaches the follower's page within ~5 s (p95) at the cost of more requests for
 * the few runs being watched.
 */
export const FOLLOWED_UPLOAD_INTERVAL_MS = 3_000;
