/** Input shapes for the activity procedures: the edge where every bad input is refused with a reason. */
import { z } from "zod";

/** The most points one ingest batch may carry; the client sends far fewer (about a minute of fixes). */
export const MAX_POINTS_PER_BATCH = 500;

const epochMillis = z
  .number()
  .int()
  .min(Date.UTC(2000, 0, 1), "a time after 2000-01-01 in epoch milliseconds")
  .max(Date.UTC(2100, 0, 1), "a time before 2100-01-01 in epoch milliseconds");

export const trackPointInput = z.object({
  id: z.uuid(),
  ts: epochMillis,
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  altitude: z.number().min(-500).max(9_000).nullable(),
  accuracy: z.number().min(0).max(100_000).nullable(),
  speed: z.number().min(0).max(200).nullable(),
});

export const startActivityInput = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  startedAt: epochMillis,
});

export const appendPointsInput = z.object({
  activityId: z.uuid(),
  points: z.array(trackPointInput).min(1).max(MAX_POINTS_PER_BATCH),
});

export const finishActivityInput = z.object({
  activityId: z.uuid(),
  finishedAt: epochMillis,
  status: z.enum(["completed", "stopped"]),
});

export type StartActivityInput = z.infer<typeof startActivityInput>;
export type AppendPointsInput = z.infer<typeof appendPointsInput>;
export type FinishActivityInput = z.infer<typeof finishActivityInput>;
