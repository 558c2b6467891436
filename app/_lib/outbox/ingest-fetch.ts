/**
 * The two ingest mutations as plain `fetch` POSTs, byte for byte what tRPC's `httpLink` sends for them
 * (trpc-links.ts): `POST <upload URL>/activities.syncEvents` (or `.appendPoints`), the input serialized with
 * superjson as the JSON body, `content-type: application/json`, and the session cookie (`same-origin`, or
 * `include` when the upload tier is another origin, upload-url.ts). The outbox uploads through it from the
 * pages and from the service worker alike: the worker has no tRPC client, and not every page loads one.
 *
 * A refusal is thrown as an `IngestHttpError` carrying the status and headers, which `classifyError` reads
 * (401 and 5xx retry, other 4xx set the item aside, `Retry-After` is honoured); a failed fetch throws its
 * TypeError (retryable).
 */
import superjson from "superjson";
import { uploadCredentials, uploadUrl } from "../upload-url";
import { keepaliveFetch } from "./keepalive-fetch";
import type { AppendPoints, OutboxSenders, SyncRunEvents } from "./sender";

export const SYNC_EVENTS_PATH = "activities.syncEvents";
export const APPEND_POINTS_PATH = "activities.appendPoints";

/** An error answer to an upload: the status and headers decide whether it is retried. */
export class IngestHttpError extends Error {
  readonly code = "INGEST_HTTP_ERROR" as const;
  constructor(
    message: string,
    readonly status: number,
    readonly headers: Headers,
  ) {
    super(message);
  }
}

export interface IngestFetchOptions {
  /** The tRPC base URL of the upload tier (default: `uploadUrl()`, the build's NEXT_PUBLIC_UPLOAD_URL). */
  url?: string;
  /**
   * Default `keepaliveFetch`: from a hidden page an upload goes with `keepalive`, so it outlives a closed
   * tab; in the worker (no document) it is the plain `fetch`.
   */
  fetch?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
}

function errorMessage(body: unknown, status: number): string {
  const error = (body as { error?: { json?: { message?: unknown } } } | null)?.error;
  const message = error?.json?.message;
  return typeof message === "string" && message !== "" ? message : `The upload was answered with HTTP ${status}`;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** Posts one mutation and returns its deserialized result. */
export async function postMutation<T>(path: string, input: unknown, signal: AbortSignal, options: IngestFetchOptions = {}): Promise<T> {
  const base = options.url ?? uploadUrl();
  const doFetch = options.fetch ?? keepaliveFetch;
  const response = await doFetch(`${base}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(superjson.serialize(input)),
    credentials: uploadCredentials(base),
    signal,
  });
  const body = await readJson(response);
  if (!response.ok) throw new IngestHttpError(errorMessage(body, response.status), response.status, response.headers);
  const data = (body as { result?: { data?: Parameters<typeof superjson.deserialize>[0] } } | null)?.result?.data;
  if (data === undefined) throw new IngestHttpError("The upload's answer could not be read", response.status, response.headers);
  return superjson.deserialize<T>(data);
}

/** The outbox's senders (sender.ts) over `postMutation`. */
export function createIngestSenders(options: IngestFetchOptions = {}): OutboxSenders {
  const runEvents: SyncRunEvents = (input, signal) => postMutation(SYNC_EVENTS_PATH, input, signal, options);
  const points: AppendPoints = (input, signal) => postMutation(APPEND_POINTS_PATH, input, signal, options);
  return { runEvents, points };
}
