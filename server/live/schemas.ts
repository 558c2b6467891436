/** Inputs of the live procedures and endpoints, bounded before they reach a query. */
import { z } from "zod";
import { CHEER_KINDS } from "@/domain/live/cheers";

export const liveRunIdSchema = z.uuid();
export const isLiveRunId = (value: string) => liveRunIdSchema.safeParse(value).success;

export const chooseForRunInput = z.object({ activityId: liveRunIdSchema, followable: z.boolean() });
export const liveDefaultInput = z.object({ followable: z.boolean() });
export const liveRunInput = z.object({ activityId: liveRunIdSchema });
export const cheerInput = z.object({ activityId: liveRunIdSchema, cheerId: z.uuid(), kind: z.enum(CHEER_KINDS) });
