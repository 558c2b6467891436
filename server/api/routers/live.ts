import { TRPCError } from "@trpc/server";
import { chooseLiveForRun, getLiveDefault, setLiveDefault } from "../../live/live-runs";
import { getLiveServices } from "../../live/live-service";
import { runningNow } from "../../live/running-now";
import { chooseForRunInput, liveDefaultInput } from "../../live/schemas";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const liveRouter = createTRPCRouter({
  /** The runner's default: may accepted friends follow a run live unless the run says otherwise. */
  getDefault: protectedProcedure.query(async ({ ctx }) => ({ followable: await getLiveDefault(ctx.db, ctx.user.id) })),
  setDefault: protectedProcedure
    .input(liveDefaultInput)
    .mutation(async ({ ctx, input }) => ({ followable: await setLiveDefault(ctx.db, ctx.user.id, input.followable) })),
  /** The choice for one run (the start screen); someone else's run is NOT_FOUND, as every foreign id. */
  chooseForRun: protectedProcedure.input(chooseForRunInput).mutation(async ({ ctx, input }) => {
    if (!(await chooseLiveForRun(ctx.db, ctx.user.id, input.activityId, input.followable))) {
      throw new TRPCError({ code: "NOT_FOUND", message: "No such run" });
    }
    return { activityId: input.activityId, followable: input.followable };
  }),
  /** Friends' runs the caller may follow now (empty when this deployment has no live runs). */
  runningNow: protectedProcedure.query(({ ctx }) => {
    const live = getLiveServices();
    return live ? runningNow(ctx.db, live.store, { userId: ctx.user.id }) : [];
  }),
});
