import { getLocationStore } from "../../cassandra";
import { syncRunEvents } from "../../activities/run-events";
import { appendPoints, getActivity, listActivities } from "../../activities/service";
import { appendPointsInput, getActivityInput, syncRunEventsInput } from "../../activities/schemas";
import { getIngestLimiter } from "../../rate-limit";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const activitiesRouter = createTRPCRouter({
  /** The run's lifecycle (start, pause, resume, finish) as events from the browser's outbox. */
  syncEvents: protectedProcedure
    .input(syncRunEventsInput)
    .mutation(({ ctx, input }) => syncRunEvents({ db: ctx.db, locationStore: getLocationStore }, ctx.user.id, input)),

  appendPoints: protectedProcedure
    .input(appendPointsInput)
    .mutation(({ ctx, input }) =>
      appendPoints({ db: ctx.db, locationStore: getLocationStore, limiter: getIngestLimiter() }, ctx.user.id, input),
    ),

  get: protectedProcedure.input(getActivityInput).query(({ ctx, input }) => getActivity(ctx.db, ctx.user.id, input.id)),

  list: protectedProcedure.query(({ ctx }) => listActivities(ctx.db, ctx.user.id)),
});
