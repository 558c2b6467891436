/**
 * GET /runs/<id>/gpx: the run's stored points as a GPX 1.1 download, for the owner and permitted friends.
 * Anyone else gets 404 (a stranger must not learn that the run exists); signed out, 401.
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { getServerCaller } from "@/server/api/server-caller";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await getServerCaller();
  try {
    const gpx = await caller.activities.exportGpx({ id });
    return new Response(gpx.xml, {
      headers: {
        "Content-Type": "application/gpx+xml; charset=utf-8",
        "Content-Disposition": `attachment; filename="${gpx.fileName}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    // A malformed id is as unknown as a missing one.
    const status = error.code === "BAD_REQUEST" ? 404 : getHTTPStatusCodeFromError(error);
    return new Response(error.code === "INTERNAL_SERVER_ERROR" ? "Internal server error" : error.message, {
      status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}
