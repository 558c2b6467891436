/**
 * The fetch the app's uploads (tRPC mutations) go through. While the page is hidden — the moment the runner
 * may close the tab or the phone may freeze it — an upload is sent with `keepalive`, so it completes even if
 * the page is gone before the answer. Browsers allow keepalive requests 64 KiB of body in flight in total
 * and refuse bigger ones outright, so a larger body goes as a plain request (it may still finish), and
 * uploads stay one at a time (the flusher sends items in turn, the sender a hidden page's upload in requests
 * of `KEEPALIVE_POINTS_PER_REQUEST` points, one after the other), keeping the budget to one request.
 */

/** Under the browsers' 64 KiB keepalive budget, with room to spare. */
export const KEEPALIVE_MAX_BODY_BYTES = 60 * 1024;

/**
 * The most points one request carries while the page is hidden. 200 fixes with every field at full
 * precision are ~40 KB as tRPC sends them (keepalive-fetch.test.ts), well inside the body limit above; a
 * full upload of 500 (90–100 KB) is not, and would go without `keepalive`.
 */
export const KEEPALIVE_POINTS_PER_REQUEST = 200;

/** The page is hidden (or being closed): what is sent now should go with `keepalive`. */
export function isPageHidden(): boolean {
  return typeof document !== "undefined" && document.visibilityState === "hidden";
}

function bodyBytes(body: RequestInit["body"]): number | null {
  if (typeof body === "string") return new TextEncoder().encode(body).byteLength;
  if (body instanceof Blob) return body.size;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return body.byteLength;
  return null; // A stream or form whose size is unknown: not a keepalive candidate.
}

/** Decides the request's options: `keepalive` only when hidden and small enough (or bodiless). */
export function withKeepalive(init: RequestInit | undefined, hidden: boolean): RequestInit | undefined {
  if (!hidden) return init;
  const size = init?.body === undefined || init.body === null ? 0 : bodyBytes(init.body);
  if (size === null || size > KEEPALIVE_MAX_BODY_BYTES) return init;
  return { ...init, keepalive: true };
}

export function keepaliveFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  return fetch(input, withKeepalive(init, isPageHidden()));
}
