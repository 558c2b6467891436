/**
 * Input shapes of the import procedures (server/api/routers/imports.ts). The browser parsed the file, but every
 * bound is checked here again: the server never trusts the browser's parse (the points themselves go through
 * `activities.appendPoints` and its own schema and time window).
 */
import { z } from "zod";
import { MAX_IMPORT_POINTS } from "@/domain/import/import-limits";
import { EARLIEST_TIME, LATEST_TIME } from "../validation";

const epochMillis = z
  .number()
  .int()
  .min(EARLIEST_TIME, "a time after 2000-01-01 in epoch milliseconds")
  .max(LATEST_TIME, "a time before 2100-01-01 in epoch milliseconds");

export const beginImportInput = z.object({
  /** SHA-256 of the file's bytes, lower-case hex: with the runner, it names the imported run. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, "the file's SHA-256 as 64 lower-case hex digits"),
  format: z.enum(["gpx", "tcx", "fit"]),
  startedAt: epochMillis,
  finishedAt: epochMillis,
  pointCount: z.number().int().min(1).max(MAX_IMPORT_POINTS),
  /** The browser's computeRecord distance, for the duplicate rule only. */
  distanceMeters: z.number().min(0).max(1_000_000),
});

export const importRunInput = z.object({ activityId: z.uuid() });

/** The finish names the last point's time again: the run's window closes there (checked against the start). */
export const finishImportInput = z.object({ activityId: z.uuid(), finishedAt: epochMillis });

export type BeginImportInput = z.infer<typeof beginImportInput>;
