/**
 * A run imported from a file, in three steps that each may be repeated:
 * 1. `beginImport` names the run after the runner and the file's content (a UUID from both), so importing the
 *    same file again finds the same run: "already imported" once finished, "resume" while a first attempt was
 *    cut short (the browser then sends the same points again, with the same derived ids: an upsert). A run
 *    already stored that started within a minute of the file with a similar distance (import-limits.ts) is a
 *    duplicate from another app or format: reported, nothing created. Otherwise the run is created at its first
 *    point's time with no course, marked `imported_from`, "active" and unfinished until step 3 (for a finished
 *    run, every poll of points the Location Service writes asks for the record again: 6 computations for a
 *    40 km file in the benchmark when the finish was set at the start; now only polls still in Kafka at the finish).
 * 2. The points go through `activities.appendPoints` like recorded ones (upload tier → Kafka → Location
 *    Service → Cassandra), whose window check holds them to the start (and to now).
 * 3. `finishImport` sets the finish (the last point's time, checked against the start again), completes the
 *    run and asks for its record on the run's Kafka partition, behind every batch acknowledged before it, so the
 *    Location Service computes it from all the points with the same domain code as a recorded run. `abandonImport` deletes an unfinished import (a batch refused half-way), so a failed
 *    file leaves no run behind; its points already written are in a partition nobody reads, dropped by the TTL.
 * The duplicate check and the insert hold a per-runner transaction lock, so two files of one run imported at
 * once cannot both pass it.
 */
import { and, between, eq, ne, sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import { DUPLICATE_START_MS, MAX_IMPORT_SPAN_MS, similarDistance } from "@/domain/import/import-limits";
import type { Database } from "../db";
import { activities } from "../db/schema";
import { ActivityNotFoundError, InvalidImportError } from "../errors";
import type { LocationPublisher } from "../kafka/producer";
import { CLOCK_TOLERANCE_MS } from "./ingest";
import type { IngestAccess } from "./ingest-access";
import type { BeginImportInput } from "./import-schemas";

export interface ImportDeps {
  db: Database;
  publisher: LocationPublisher;
  access?: IngestAccess;
  now?: () => number;
}

export type BeginImportResult =
  | { outcome: "created" | "resume"; activityId: string }
  | { outcome: "already-imported"; activityId: string }
  | { outcome: "duplicate"; activityId: string; startedAt: number };

/** The imported run's id: a name-based UUID of the runner and the file's content. */
export function importRunId(userId: string, contentHash: string): string {
  const hex = createHash("sha256").update(`runcoach:import:${userId}:${contentHash}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function checkBounds(startedAt: number, finishedAt: number, now: number) {
  if (finishedAt < startedAt) throw new InvalidImportError("finishedAt: before startedAt");
  if (finishedAt - startedAt > MAX_IMPORT_SPAN_MS) {
    throw new InvalidImportError(`finishedAt: the run spans more than ${MAX_IMPORT_SPAN_MS / 3600_000} hours`);
  }
  if (finishedAt > now + CLOCK_TOLERANCE_MS) {
    throw new InvalidImportError(`finishedAt: ${new Date(finishedAt).toISOString()} is in the future`);
  }
}

export async function beginImport(deps: ImportDeps, userId: string, input: BeginImportInput): Promise<BeginImportResult> {
  checkBounds(input.startedAt, input.finishedAt, (deps.now ?? Date.now)());
  const activityId = importRunId(userId, input.contentHash);
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`import:${userId}`}))`);
    const [existing] = await tx
      .select({ userId: activities.userId, status: activities.status })
      .from(activities)
      .where(eq(activities.id, activityId));
    if (existing) {
      if (existing.userId !== userId) throw new ActivityNotFoundError(activityId);
      return { outcome: existing.status === "active" ? "resume" : "already-imported", activityId };
    }
    const near = await tx
      .select({ id: activities.id, startedAt: activities.startedAt, distanceMeters: activities.distanceMeters })
      .from(activities)
      .where(
        and(
          eq(activities.userId, userId),
          between(activities.startedAt, new Date(input.startedAt - DUPLICATE_START_MS), new Date(input.startedAt + DUPLICATE_START_MS)),
          ne(activities.id, activityId),
        ),
      );
    // A run with no distance yet (its record is being computed, or another file of it is importing) that started
    // in the same minute is the same run: two runs do not start within a minute of each other.
    const same = near.find((run) => run.distanceMeters === null || similarDistance(run.distanceMeters, input.distanceMeters));
    if (same) return { outcome: "duplicate", activityId: same.id, startedAt: same.startedAt.getTime() };
    await tx.insert(activities).values({
      id: activityId,
      userId,
      courseId: null,
      status: "active",
      startedAt: new Date(input.startedAt),
      finishedAt: null,
      importedFrom: input.format,
    });
    return { outcome: "created", activityId };
  });
}

async function lockImport(tx: Parameters<Parameters<Database["transaction"]>[0]>[0], userId: string, activityId: string) {
  const [row] = await tx.select().from(activities).where(eq(activities.id, activityId)).for("update");
  // Only the runner's own imported runs: a recorded run is finished by its events, never here.
  if (!row || row.userId !== userId || row.importedFrom === null) throw new ActivityNotFoundError(activityId);
  return row;
}

export async function finishImport(deps: ImportDeps, userId: string, input: { activityId: string; finishedAt: number }) {
  const { activityId } = input;
  const owed = await deps.db.transaction(async (tx) => {
    const row = await lockImport(tx, userId, activityId);
    if (row.status !== "active") return row.recordRequestedSeq > row.recordComputedSeq;
    checkBounds(row.startedAt.getTime(), input.finishedAt, (deps.now ?? Date.now)());
    await tx
      .update(activities)
      .set({
        status: "completed",
        finishedAt: new Date(input.finishedAt),
        recordRequestedSeq: sql`${activities.recordRequestedSeq} + 1`,
      })
      .where(eq(activities.id, activityId));
    return true;
  });
  deps.access?.forget(activityId);
  // As after a finish event (run-events.ts): if Kafka refuses, the browser's retry sends the request again.
  if (owed) await deps.publisher.publish([{ kind: "record", activityId, reason: "finish" }]);
  return { activityId, status: "completed" as const };
}

export async function abandonImport(deps: ImportDeps, userId: string, activityId: string) {
  const deleted = await deps.db.transaction(async (tx) => {
    const row = await lockImport(tx, userId, activityId);
    if (row.status !== "active") return false; // a finished import is a run like any other: kept
    await tx.delete(activities).where(eq(activities.id, activityId));
    return true;
  });
  deps.access?.forget(activityId);
  return { activityId, deleted };
}
