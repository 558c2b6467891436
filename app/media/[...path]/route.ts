/**
 * Serves the generated audio in `media/` (voice cues and music) at `/media/<file>`. Only files listed in
 * `media/index.json` are served; anything else is a 404. Names carry a content hash, so responses are
 * cacheable forever. Byte ranges are answered (206/416) so a streamed `<audio>` can seek before the course
 * is downloaded; bodies stream from disk. The service worker stores whole 200 responses per course.
 * Next 16 drops Content-Length from every route-handler response (send-response.js FORBIDDEN_HEADERS), so
 * clients learn sizes from the course manifest; seeking relies on 206 + Content-Range, which survive.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { parseRange } from "@/server/media/byte-range";
import { resolveMediaPath } from "@/server/media/media-index";

export const dynamic = "force-dynamic";

const IMMUTABLE = "public, max-age=31536000, immutable";

interface MediaRouteContext {
  params: Promise<{ path: string[] }>;
}

function notFound(): Response {
  return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

async function serve(request: Request, context: MediaRouteContext, withBody: boolean): Promise<Response> {
  const { path: segments } = await context.params;
  const absolute = resolveMediaPath(segments.join("/"));
  if (!absolute) return notFound();
  const size = await stat(/* turbopackIgnore: true */ absolute).then(
    (info) => (info.isFile() ? info.size : null),
    () => null,
  );
  if (size === null) return notFound();

  const headers = new Headers({ "content-type": "audio/mpeg", "cache-control": IMMUTABLE, "accept-ranges": "bytes" });
  const range = parseRange(request.headers.get("range"), size);
  if (range.kind === "unsatisfiable") {
    headers.set("content-range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const start = range.kind === "partial" ? range.start : 0;
  const end = range.kind === "partial" ? range.end : size - 1;
  headers.set("content-length", String(end - start + 1));
  if (range.kind === "partial") headers.set("content-range", `bytes ${start}-${end}/${size}`);
  const status = range.kind === "partial" ? 206 : 200;
  if (!withBody) return new Response(null, { status, headers });
  const body = Readable.toWeb(createReadStream(/* turbopackIgnore: true */ absolute, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}

export function GET(request: Request, context: MediaRouteContext): Promise<Response> {
  return serve(request, context, true);
}

export function HEAD(request: Request, context: MediaRouteContext): Promise<Response> {
  return serve(request, context, false);
}
