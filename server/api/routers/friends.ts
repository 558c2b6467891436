import {
  listFriends,
  removeFriend,
  respondToFriendRequest,
  sendFriendRequest,
} from "../../friends/friendships";
import { friendRequestInput, removeFriendInput, respondInput } from "../../friends/schemas";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const friendsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listFriends(ctx.db, ctx.user.id)),
  request: protectedProcedure
    .input(friendRequestInput)
    .mutation(({ ctx, input }) => sendFriendRequest(ctx.db, ctx.user.id, input)),
  respond: protectedProcedure
    .input(respondInput)
    .mutation(({ ctx, input }) => respondToFriendRequest(ctx.db, ctx.user.id, input)),
  remove: protectedProcedure
    .input(removeFriendInput)
    .mutation(({ ctx, input }) => removeFriend(ctx.db, ctx.user.id, input)),
});
