/** Input shapes for the activity procedures: the edge where every bad input is refused with a reason. */
import { z } from "zod";
import { EARLIEST_TIME, LATEST_TIME } from "../validation";

/** The most points one ingest batch may carry; the client sends far fewer (about a minute of fixes). */
export const MAX_POINTS_PER_BATCH = 500;

const epochMillis = z
  .number()
  .int()
  .min(EARLIEST_TIME, "a time after 2000-01-01 in epoch milliseconds")
  .max(LATEST_TIME, "a time before 2100-01-01 in epoch milliseconds");

export const trackPointInput = z.object({
  id: z.uuid(),
  ts: epochMillis,
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  altitude: z.number().min(-500).max(9_000).nullable(),
  accuracy: z.number().min(0).max(100_000).nullable(),
  speed: z.number().min(0).max(200).nullable(),
});

export const appendPointsInput = z.object({
  activityId: z.uuid(),
  points: z.array(trackPointInput).min(1).max(MAX_POINTS_PER_BATCH),
  /** Cheers the phone heard since its last upload (live runs): they are not sent again. */
  ackCheers: z.array(z.uuid()).max(50).optional(),
});

/** The most lifecycle events one sync may carry; a run has a handful, so this only bounds abuse. */
export const MAX_EVENTS_PER_BATCH = 50;

const runEventBase = {
  id: z.uuid(),
  activityId: z.uuid(),
  seq: z.number().int().min(1).max(10_000),
  at: epochMillis,
};

/** One `RunEvent` (domain/run/events.ts), checked field by field. */
export const runEventInput = z.discriminatedUnion("type", [
  z.object({ ...runEventBase, type: z.literal("start"), courseId: z.uuid() }),
  z.object({ ...runEventBase, type: z.literal("pause") }),
  z.object({ ...runEventBase, type: z.literal("resume") }),
  z.object({ ...runEventBase, type: z.literal("finish"), status: z.enum(["completed", "stopped"]) }),
]);

export const syncRunEventsInput = z.object({
  activityId: z.uuid(),
  events: z.array(runEventInput).min(1).max(MAX_EVENTS_PER_BATCH),
});

export const getActivityInput = z.object({ id: z.uuid() });

export type AppendPointsInput = z.infer<typeof appendPointsInput>;
export type SyncRunEventsInput = z.infer<typeof syncRunEventsInput>;
