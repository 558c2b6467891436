/**
 * Sends one parsed file to the server: `imports.begin` (names the run, or says it is a duplicate), the points in
 * batches of at most 500 through `activities.appendPoints` (the outbox's own endpoint, the upload tier, so the
 * points take the recorded runs' path into Cassandra), then `imports.finish`. One batch at a time: a 10-hour
 * file is 72 batches of the runner's 120-a-minute budget, and a refusal (429, 503) is waited out as the outbox
 * does, honouring `Retry-After`. A refusal no retry can change (a 4xx) abandons the import, so a failed file
 * leaves no run behind. Repeating all of it is harmless: the run and point ids are derived from the file.
 */
import type { TrackPoint } from "@/domain/geo/track-point";
import { pointBatches } from "@/domain/import/import-points";
import type { ImportSummary } from "@/domain/import/import-summary";
import type { ImportedPoint } from "@/domain/import/read-activity-file";
import { backoffDelay } from "../outbox/backoff";
import { classifyError } from "../outbox/classify-error";
import { MAX_POINTS_PER_UPLOAD } from "../outbox/items";

export type BeginOutcome =
  | { outcome: "created" | "resume" | "already-imported"; activityId: string }
  | { outcome: "duplicate"; activityId: string; startedAt: number };

export interface ImportApi {
  begin(input: ImportSummary & { contentHash: string }): Promise<BeginOutcome>;
  appendPoints(input: { activityId: string; points: TrackPoint[] }, signal?: AbortSignal): Promise<{ stored: readonly string[] }>;
  finish(input: { activityId: string; finishedAt: number }): Promise<unknown>;
  abandon(input: { activityId: string }): Promise<unknown>;
}

export type UploadResult =
  | { kind: "imported"; activityId: string; points: number }
  | { kind: "duplicate"; activityId: string; startedAt: number }
  | { kind: "already-imported"; activityId: string };

/** A refusal the server will repeat: the file is set aside with the server's message. */
export class ImportRefusedError extends Error {
  readonly code = "IMPORT_REFUSED" as const;
}

export interface UploadOptions {
  onProgress?: (sentPoints: number, totalPoints: number) => void;
  signal?: AbortSignal;
  /** Retries of one call before giving up (each after its Retry-After or a backoff). */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Points per `appendPoints` call: the server's limit unless a test wants more calls. */
  batchSize?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function withRetry<T>(call: () => Promise<T>, options: UploadOptions): Promise<T> {
  const attempts = options.maxAttempts ?? 8;
  for (let failures = 1; ; failures++) {
    try {
      return await call();
    } catch (error) {
      const verdict = classifyError(error);
      if (!verdict.retryable) throw new ImportRefusedError(verdict.message);
      if (failures >= attempts || options.signal?.aborted) throw error;
      await (options.sleep ?? defaultSleep)(verdict.retryAfterMs ?? Math.max(500, backoffDelay(failures)));
    }
  }
}

export async function uploadImport(
  api: ImportApi,
  file: { contentHash: string; summary: ImportSummary; points: readonly ImportedPoint[] },
  options: UploadOptions = {},
): Promise<UploadResult> {
  const begun = await withRetry(() => api.begin({ ...file.summary, contentHash: file.contentHash }), options);
  if (begun.outcome === "duplicate") return { kind: "duplicate", activityId: begun.activityId, startedAt: begun.startedAt };
  if (begun.outcome === "already-imported") return { kind: "already-imported", activityId: begun.activityId };
  const { activityId } = begun;
  const total = file.points.length;
  let sent = 0;
  options.onProgress?.(0, total);
  try {
    for (const points of pointBatches(activityId, file.points, options.batchSize ?? MAX_POINTS_PER_UPLOAD)) {
      const { stored } = await withRetry(() => api.appendPoints({ activityId, points }, options.signal), options);
      if (stored.length !== points.length) throw new ImportRefusedError(`The server stored ${stored.length} of ${points.length} points`);
      sent += points.length;
      options.onProgress?.(sent, total);
    }
    await withRetry(() => api.finish({ activityId, finishedAt: file.summary.finishedAt }), options);
  } catch (error) {
    // Refused for good: take the half-made run away. A network that stays down leaves it to be resumed by
    // importing the file again (same ids), so nothing is lost and nothing is doubled.
    if (error instanceof ImportRefusedError) await api.abandon({ activityId }).catch(() => undefined);
    throw error;
  }
  return { kind: "imported", activityId, points: total };
}
