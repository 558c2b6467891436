/**
 * GET /api/live/<runId>/events: a live run as Server-Sent Events, for the runner and accepted friends while
 * the run is followable. Everyone else (a stranger, a pending friend, a signed-out visitor, a guessed or
 * malformed id, a run not shared live, a server without live runs) gets the same 404. Readable from any app
 * server: the state is in Redis. Honours Last-Event-ID (EventSource sends it when it reconnects). The stream
 * checks access again while it is open, and ends with `gone` once the viewer may no longer follow.
 */
import { getDb } from "@/server/db";
import { createTRPCContext } from "@/server/api/trpc";
import { connectionLifetimeMs, parseLastEventId } from "@/server/live/live-bounds";
import { followableRun, mayFollowLive } from "@/server/live/live-runs";
import { getLiveMetrics } from "@/server/live/live-metrics";
import { getLiveServices } from "@/server/live/live-service";
import { openFollowStream } from "@/server/live/follow-stream";
import { isLiveRunId } from "@/server/live/schemas";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });

export async function GET(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const live = getLiveServices();
  if (!live || !isLiveRunId(runId)) return notFound();
  const { session } = await createTRPCContext({ headers: request.headers });
  const run = await followableRun(getDb(), session ? { userId: session.user.id } : null, runId);
  if (!run || !session) return notFound();
  const lastEventId = parseLastEventId(request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after"));
  const stream = await openFollowStream(
    { ...live, lifetimeMs: connectionLifetimeMs(live.connectionSeconds), mayFollow: mayFollowLive(getDb()) },
    { activityId: runId, viewerId: session.user.id, ownerId: run.ownerId, lastEventId, finished: run.finished, signal: request.signal },
  );
  if (!stream) {
    getLiveMetrics()?.followRefusals.inc();
    return new Response("This run has as many followers as it can take; try again shortly.", {
      status: 503,
      headers: { "Retry-After": "30", "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  }
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "private, no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
