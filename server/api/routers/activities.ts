import { getLocationStore } from "../../cassandra";
import { appendPoints, finishActivity, listActivities, startActivity } from "../../activities/service";
import { appendPointsInput, finishActivityInput, startActivityInput } from "../../activities/schemas";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const activitiesRouter = createTRPCRouter({
  start: protectedProcedure
    .input(startActivityInput)
    .mutation(({ ctx, input }) => startActivity(ctx.db, ctx.user.id, input)),

  appendPoints: protectedProcedure
    .input(appendPointsInput)
    .mutation(({ ctx, input }) => appendPoints({ db: ctx.db, locationStore: getLocationStore }, ctx.user.id, input)),

  finish: protectedProcedure
    .input(finishActivityInput)
    .mutation(({ ctx, input }) => finishActivity({ db: ctx.db, locationStore: getLocationStore }, ctx.user.id, input)),

  list: protectedProcedure.query(({ ctx }) => listActivities(ctx.db, ctx.user.id)),
});
