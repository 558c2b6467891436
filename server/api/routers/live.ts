import { TRPCError } from "@trpc/server";
import { announceLiveAccessChange } from "../../live/announce-access-change";
import { sendCheer } from "../../live/cheers";
import { chooseLiveForRun, followableRun, getLiveDefault, setLiveDefault } from "../../live/live-runs";
import { getLiveServices } from "../../live/live-service";
import { runningNow } from "../../live/running-now";
import { cheerInput, chooseForRunInput, liveDefaultInput } from "../../live/schemas";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const liveRouter = createTRPCRouter({
  /** The runner's default: may accepted friends follow a run live unless the run says otherwise. */
  getDefault: protectedProcedure.query(async ({ ctx }) => ({ followable: await getLiveDefault(ctx.db, ctx.user.id) })),
  /** Turned off, the followers of the runner's runs without a choice of their own are cut off within seconds. */
  setDefault: protectedProcedure.input(liveDefaultInput).mutation(async ({ ctx, input }) => {
    const followable = await setLiveDefault(ctx.db, ctx.user.id, input.followable);
    if (!followable) await announceLiveAccessChange([ctx.user.id]);
    return { followable };
  }),
  /** The choice for one run (the start screen); someone else's run is NOT_FOUND, as every foreign id. */
  chooseForRun: protectedProcedure.input(chooseForRunInput).mutation(async ({ ctx, input }) => {
    if (!(await chooseLiveForRun(ctx.db, ctx.user.id, input.activityId, input.followable))) {
      throw new TRPCError({ code: "NOT_FOUND", message: "No such run" });
    }
    if (!input.followable) await announceLiveAccessChange([ctx.user.id]);
    return { activityId: input.activityId, followable: input.followable };
  }),
  /** Friends' runs the caller may follow now (empty when this deployment has no live runs). */
  runningNow: protectedProcedure.query(({ ctx }) => {
    const live = getLiveServices();
    return live ? runningNow(ctx.db, live.store, { userId: ctx.user.id }) : [];
  }),
  /**
   * A follower's cheer (one of the fixed kinds) for a run they may follow; the runner's phone gets it with its
   * next upload's answer. Anyone who may not follow the run gets NOT_FOUND, as on every live endpoint.
   */
  cheer: protectedProcedure.input(cheerInput).mutation(async ({ ctx, input }) => {
    const live = getLiveServices();
    const run = live ? await followableRun(ctx.db, { userId: ctx.user.id }, input.activityId) : null;
    if (!live || !run) throw new TRPCError({ code: "NOT_FOUND", message: "No such run" });
    if (run.finished) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "The run is finished" });
    const outcome = await sendCheer(live.redis, live.keys, {
      activityId: input.activityId,
      followerId: ctx.user.id,
      id: input.cheerId,
      kind: input.kind,
      fromName: ctx.user.name,
    });
    if (outcome === "rate-limited" || outcome === "full") {
      throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: outcome === "full" ? "Too many cheers are waiting for this runner" : "Too many cheers this minute" });
    }
    return { cheerId: input.cheerId, duplicate: outcome === "duplicate" };
  }),
});
