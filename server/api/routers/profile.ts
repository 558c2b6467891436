import { getPrivacySettings, updatePrivacySettings } from "../../friends/privacy";
import { privacyUpdateInput } from "../../friends/schemas";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const profileRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => getPrivacySettings(ctx.db, ctx.user.id)),
  updatePrivacy: protectedProcedure
    .input(privacyUpdateInput)
    .mutation(({ ctx, input }) => updatePrivacySettings(ctx.db, ctx.user.id, input)),
});
