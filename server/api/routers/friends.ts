import {
  listFriends,
  removeFriend,
  respondToFriendRequest,
  sendFriendRequest,
} from "../../friends/friendships";
import { friendRequestInput, removeFriendInput, respondInput } from "../../friends/schemas";
import { announceLiveAccessChange } from "../../live/announce-access-change";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const friendsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listFriends(ctx.db, ctx.user.id)),
  request: protectedProcedure
    .input(friendRequestInput)
    .mutation(({ ctx, input }) => sendFriendRequest(ctx.db, ctx.user.id, input)),
  respond: protectedProcedure
    .input(respondInput)
    .mutation(({ ctx, input }) => respondToFriendRequest(ctx.db, ctx.user.id, input)),
  /** Ends a friendship (or withdraws a request); open live streams between the two end within seconds. */
  remove: protectedProcedure.input(removeFriendInput).mutation(async ({ ctx, input }) => {
    const removed = await removeFriend(ctx.db, ctx.user.id, input);
    await announceLiveAccessChange([ctx.user.id, input.userId]);
    return removed;
  }),
});
