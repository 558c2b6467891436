/**
 * The two procedures of the upload tier: a run's lifecycle events and its point batches. They are mounted in
 * the app's `activities` router and, alone, in the standalone upload API (server/upload-api/), under the
 * same paths (`activities.appendPoints`, `activities.syncEvents`), so a load balancer can send those paths
 * to either and the browser's client does not care which answers.
 */
import { appendPoints } from "../../activities/ingest";
import { getIngestAccess } from "../../activities/ingest-access";
import { syncRunEvents } from "../../activities/run-events";
import { appendPointsInput, syncRunEventsInput } from "../../activities/schemas";
import { getLocationPublisher } from "../../kafka";
import { liveAnswerForIngest as liveAnswerFromEnv } from "../../live/live-ingest";
import { log } from "../../log";
import { getServerMetrics } from "../../metrics/server-metrics";
import { getIngestLimiter } from "../../rate-limit";
import { syncInput } from "../sync-input";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const ingestProcedures = {
  /** The run's lifecycle (start, pause, resume, finish) as events from the browser's outbox. */
  syncEvents: protectedProcedure
    .input(syncInput(syncRunEventsInput))
    .mutation(({ ctx, input }) =>
      syncRunEvents({ db: ctx.db, publisher: getLocationPublisher(), access: getIngestAccess() }, ctx.user.id, input),
    ),

  /**
   * A batch of GPS points, acknowledged once Kafka has it. The debug line carries the request id the writer's
   * "poll written" line lists (docs/operations.md, "Following one upload").
   */
  appendPoints: protectedProcedure.input(syncInput(appendPointsInput)).mutation(async ({ ctx, input }) => {
    const answer = await appendPoints(
      {
        db: ctx.db,
        publisher: getLocationPublisher(),
        access: getIngestAccess(),
        limiter: getIngestLimiter(),
        requestId: ctx.requestId,
        liveAnswer: liveAnswerFromEnv(),
      },
      ctx.user.id,
      input,
    );
    getServerMetrics()?.pointsAcknowledged.inc(answer.stored.length);
    log.debug({ requestId: ctx.requestId, activityId: input.activityId, points: answer.stored.length }, "points acknowledged");
    return answer;
  }),
};

/** The upload API's whole router: the ingest procedures under `activities`, as in the app's router. */
export const ingestRouter = createTRPCRouter({ activities: createTRPCRouter(ingestProcedures) });
export type IngestRouter = typeof ingestRouter;
