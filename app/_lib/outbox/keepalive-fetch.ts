/**
 * The fetch the app's uploads (tRPC mutations) go through. While the page is hidden — the moment the runner
 * may close the tab or the phone may freeze it — an upload is sent with `keepalive`, so it completes even if
 * the page is gone before the answer. Browsers allow keepalive requests 64 KiB of body in flight in total
 * and refuse bigger ones outright, so a larger body goes as a plain request (it may still finish), and
 * uploads stay one at a time (the flusher sends items in turn), keeping the budget to one batch.
 */

/** Under the browsers' 64 KiB keepalive budget, with room to spare. A full batch of 200 fixes is ~35 KB. */
export const KEEPALIVE_MAX_BODY_BYTES = 60 * 1024;

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
  const hidden = typeof document !== "undefined" && document.visibilityState === "hidden";
  return fetch(input, withKeepalive(init, hidden));
}
