/**
 * Where the browser sends what it uploads. The two ingest mutations (a run's events and its GPS batches)
 * can be served by an upload tier apart from the pages: `NEXT_PUBLIC_UPLOAD_URL` (inlined by Next at build
 * time) names its tRPC base URL, e.g. "https://upload.example.com/api/trpc"; unset, they go to the pages' own
 * "/api/trpc" like every other call. Another origin only gets the session cookie with
 * `credentials: "include"`, and answers CORS for the pages' origin (server/upload-api/upload-server.ts).
 */

/** The tRPC endpoint of the pages' own server. */
export const PAGE_TRPC_URL = "/api/trpc";

/** The procedures the upload tier serves (server/api/routers/ingest.ts). */
const INGEST_PATHS: ReadonlySet<string> = new Set(["activities.appendPoints", "activities.syncEvents"]);

export function isIngestPath(path: string): boolean {
  return INGEST_PATHS.has(path);
}

export class InvalidUploadUrlError extends Error {
  readonly code = "INVALID_UPLOAD_URL" as const;
}

/**
 * The tRPC base URL for ingest: `configured` (default: NEXT_PUBLIC_UPLOAD_URL) without a trailing slash, or
 * the pages' own endpoint when it is unset or blank. Anything but an http(s) URL or an absolute path is a
 * build mistake, reported as one rather than sending every run to a wrong address.
 */
export function uploadUrl(configured: string | undefined = process.env.NEXT_PUBLIC_UPLOAD_URL): string {
  const value = configured?.trim().replace(/\/+$/, "") ?? "";
  if (value === "") return PAGE_TRPC_URL;
  if (/^\/(?!\/)/.test(value) || /^https?:\/\/[^/]/i.test(value)) return value;
  throw new InvalidUploadUrlError(
    `NEXT_PUBLIC_UPLOAD_URL must be an http(s) URL or a path such as ${PAGE_TRPC_URL}, not "${configured}"`,
  );
}

/** Whether requests to `url` (from `uploadUrl`) must ask for cookies to be sent: another origin does. */
export function uploadCredentials(url: string): RequestCredentials {
  return url.startsWith("/") ? "same-origin" : "include";
}
