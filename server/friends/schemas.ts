/** Inputs of the friends and profile procedures: ids and usernames are bounded before they reach a query. */
import { z } from "zod";

/** As better-auth's username plugin accepts them (3–30 of letters, digits, `_` and `.`); it stores them lowercased. */
export const usernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(30)
  .regex(/^[a-zA-Z0-9_.]+$/, "Letters, digits, _ and . only")
  .transform((name) => name.toLowerCase());

import { userIdSchema } from "../validation";

export { userIdSchema };

export const friendRequestInput = z.object({ username: usernameSchema });
export const respondInput = z.object({ userId: userIdSchema, action: z.enum(["accept", "decline"]) });
export const removeFriendInput = z.object({ userId: userIdSchema });

export const RUN_VISIBILITIES = ["friends", "private"] as const;
export type RunVisibilitySetting = (typeof RUN_VISIBILITIES)[number];

export const privacyUpdateInput = z
  .object({ runVisibility: z.enum(RUN_VISIBILITIES).optional(), hideRouteEnds: z.boolean().optional() })
  .refine((value) => value.runVisibility !== undefined || value.hideRouteEnds !== undefined, "Nothing to change");

export type FriendRequestInput = z.input<typeof friendRequestInput>;
export type RespondInput = z.infer<typeof respondInput>;
export type RemoveFriendInput = z.infer<typeof removeFriendInput>;
export type PrivacyUpdateInput = z.infer<typeof privacyUpdateInput>;
