import { z } from "zod";
import { getLocationStore } from "../../cassandra";
import { getActivity, listActivities } from "../../activities/run-reading";
import { getActivityInput } from "../../activities/schemas";
import { exportRunGpx, runElevationProfile } from "../../activities/gpx-export";
import {
  getHistoryRunner,
  getRunDetail,
  historyInput,
  historyPrograms,
  listHistory,
  monthlyTotals,
  runnerInput,
  totalsInput,
  weeklyTotals,
} from "../../activities/history";
import { userIdSchema } from "../../validation";
import { ingestProcedures } from "./ingest";
import { createTRPCRouter, protectedProcedure } from "../trpc";

const ownerInput = z.object({ ownerId: userIdSchema.optional() });

export const activitiesRouter = createTRPCRouter({
  ...ingestProcedures,

  get: protectedProcedure.input(getActivityInput).query(({ ctx, input }) => getActivity(ctx.db, ctx.user.id, input.id)),

  list: protectedProcedure.query(({ ctx }) => listActivities(ctx.db, ctx.user.id)),

  /** A page of runs, newest first; pass the answer's `nextCursor` back for the next page. */
  history: protectedProcedure
    .input(historyInput)
    .query(({ ctx, input }) => listHistory(ctx.db, { userId: ctx.user.id }, input)),

  /** The runner a `/history/<username>` page is about: the caller, or a friend who shares; else NOT_FOUND. */
  runner: protectedProcedure
    .input(runnerInput)
    .query(({ ctx, input }) => getHistoryRunner(ctx.db, { userId: ctx.user.id }, input)),

  /** Runs, distance and moving time per month in the given time zone, the current month last. */
  monthlyTotals: protectedProcedure
    .input(totalsInput)
    .query(({ ctx, input }) =>
      monthlyTotals(ctx.db, { userId: ctx.user.id }, { ...input, ownerId: input.ownerId ?? ctx.user.id }),
    ),

  /** The same per ISO week. */
  weeklyTotals: protectedProcedure
    .input(totalsInput)
    .query(({ ctx, input }) =>
      weeklyTotals(ctx.db, { userId: ctx.user.id }, { ...input, ownerId: input.ownerId ?? ctx.user.id }),
    ),

  /** The programs the owner has run (the history filter's options). */
  historyPrograms: protectedProcedure
    .input(ownerInput)
    .query(({ ctx, input }) => historyPrograms(ctx.db, { userId: ctx.user.id }, input.ownerId ?? ctx.user.id)),

  /** One run with its record and course steps, for whoever may see it. */
  detail: protectedProcedure
    .input(getActivityInput)
    .query(({ ctx, input }) => getRunDetail(ctx.db, { userId: ctx.user.id }, input.id)),

  /** Altitude over distance from the run's stored points, for the detail page's chart. */
  elevationProfile: protectedProcedure
    .input(getActivityInput)
    .query(({ ctx, input }) =>
      runElevationProfile({ db: ctx.db, locationStore: getLocationStore }, { userId: ctx.user.id }, input.id),
    ),

  /** The run's stored points as a GPX 1.1 document. */
  exportGpx: protectedProcedure
    .input(getActivityInput)
    .query(({ ctx, input }) =>
      exportRunGpx({ db: ctx.db, locationStore: getLocationStore }, { userId: ctx.user.id }, input.id),
    ),
});
