/** Helpers for integration tests of runs: lifecycle events as the browser's outbox sends them, and tRPC errors. */
import { randomUUID } from "node:crypto";
import { TRPCClientError } from "@trpc/client";
import { asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { FinishStatus, RunEvent } from "@/domain/run/events";
import { getDb } from "@/server/db";
import { activities, activityEvents } from "@/server/db/schema";
import { stableUuid } from "@/server/db/seed-catalog";

/** A seeded course (the catalog is seeded by the integration setup). */
export const COURSE_ID = stableUuid("course:30-minute-run-challenge-w1s1");

/**
 * Makes one run's events with fresh ids and consecutive sequence numbers, in the order they are made,
 * as the run page does. Override `seq` by spreading (`{ ...run.pause(t), seq: 5 }`) to make a bad log.
 */
export function runEvents(activityId: string = randomUUID(), courseId: string = COURSE_ID) {
  let seq = 0;
  const base = (at: number) => ({ id: randomUUID(), activityId, seq: ++seq, at });
  return {
    activityId,
    start: (at: number): RunEvent => ({ ...base(at), type: "start", courseId }),
    pause: (at: number): RunEvent => ({ ...base(at), type: "pause" }),
    resume: (at: number): RunEvent => ({ ...base(at), type: "resume" }),
    finish: (at: number, status: FinishStatus = "completed"): RunEvent => ({ ...base(at), type: "finish", status }),
  };
}

/** Awaits a tRPC call that must fail with `code` (and a message matching `messagePattern`). */
export async function expectTrpcError(promise: Promise<unknown>, code: string, messagePattern?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  const trpcError = error as TRPCClientError<never>;
  expect((trpcError.data as { code?: string } | undefined)?.code).toBe(code);
  if (messagePattern) expect(trpcError.message).toMatch(messagePattern);
}

/** The activity row and its stored events, straight from PostgreSQL: to show that a refusal changed nothing. */
export async function storedRun(activityId: string) {
  const db = getDb();
  const [activity] = await db.select().from(activities).where(eq(activities.id, activityId));
  const events = await db
    .select()
    .from(activityEvents)
    .where(eq(activityEvents.activityId, activityId))
    .orderBy(asc(activityEvents.seq));
  return { activity: activity ?? null, events };
}
