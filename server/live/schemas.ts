/** Inputs of the live procedures and endpoints, bounded before they reach a query. */
import { z } from "zod";

export const liveRunIdSchema = z.uuid();
export const isLiveRunId = (value: string) => liveRunIdSchema.safeParse(value).success;

export const chooseForRunInput = z.object({ activityId: liveRunIdSchema, followable: z.boolean() });
export const liveDefaultInput = z.object({ followable: z.boolean() });
export const liveRunInput = z.object({ activityId: liveRunIdSchema });
