/**
 * Syncs a run's lifecycle events from the runner's outbox, which may deliver them late, twice, or in any
 * order inside a batch. The stored log is the truth and the activity row is its fold (domain/run/events.ts),
 * so the server ends in the state the runner saw offline. Everything is checked before anything is written,
 * in one transaction that holds the activity row's lock: two deliveries of one batch racing each other are
 * serialised, and the second finds the first's events and changes nothing.
 */
import { eq, inArray, or, sql } from "drizzle-orm";
import { foldRunEvents, IllegalRunTransitionError, type RunEvent, type RunStatus } from "@/domain/run/events";
import type { PauseInterval } from "@/domain/run/run-clock";
import type { Database } from "../db";
import { activities, activityEvents, courses } from "../db/schema";
import {
  ActivityNotFoundError,
  CourseNotFoundError,
  InvalidRunEventsError,
  RunEventConflictError,
  RunTransitionRefusedError,
} from "../errors";
import type { LocationPublisher } from "../kafka/producer";
import { CLOCK_TOLERANCE_MS } from "./ingest";
import type { IngestAccess } from "./ingest-access";

export interface RunEventDeps {
  db: Database;
  /** Where the record request goes after a finish: the points topic, behind the run's earlier points. */
  publisher: LocationPublisher;
  /** This server's ingest cache, told when a run finishes here so its window closes at once. */
  access?: IngestAccess;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
type EventRow = typeof activityEvents.$inferSelect;
type StartEvent = Extract<RunEvent, { type: "start" }>;

export interface RunEventBatch {
  activityId: string;
  events: readonly RunEvent[];
}

export interface RunSyncResult {
  /** Every event id of the batch, stored now or before: the outbox may delete them all. */
  acknowledged: string[];
  state: { status: RunStatus; startedAt: number; finishedAt: number | null; pauses: PauseInterval[]; lastSeq: number };
}

export async function syncRunEvents(deps: RunEventDeps, userId: string, batch: RunEventBatch): Promise<RunSyncResult> {
  checkBatch(batch, (deps.now ?? Date.now)());
  const { state, needsRecord } = await deps.db.transaction(async (tx) => {
    const activity = await lockOrCreateActivity(tx, userId, batch);
    const known = await loadKnownEvents(tx, activity.id, batch.events);
    const fresh = newEvents(known, activity.id, batch.events);
    const finishedNow = fresh.some((event) => event.type === "finish");
    const state = fold([...known.filter((event) => event.activityId === activity.id), ...fresh]);
    if (fresh.length > 0) {
      await tx.insert(activityEvents).values(fresh.map(toRow));
      await tx
        .update(activities)
        .set({
          status: state.status,
          startedAt: new Date(state.startedAt),
          finishedAt: state.finishedAt === null ? null : new Date(state.finishedAt),
          pauses: state.pauses,
          // The finish asks for the record; the Location Service computes it once the points before it are in.
          ...(finishedNow ? { recordRequestedSeq: sql`${activities.recordRequestedSeq} + 1` } : {}),
        })
        .where(eq(activities.id, activity.id));
    }
    const owed = finishedNow || activity.recordRequestedSeq > activity.recordComputedSeq;
    return { state, needsRecord: state.finishedAt !== null && owed };
  });
  if (state.finishedAt !== null) deps.access?.forget(batch.activityId);
  // After the commit, into the run's partition behind every point batch acknowledged before it, so the
  // computation reads them all. If Kafka refuses (503), the events are kept and the outbox's retry of the
  // same batch, a no-op for the events, sends the request again: the record stays owed until then.
  if (needsRecord) await deps.publisher.publish([{ kind: "record", activityId: batch.activityId, reason: "finish" }]);
  const { status, startedAt, finishedAt, pauses, lastSeq } = state;
  return { acknowledged: batch.events.map((event) => event.id), state: { status, startedAt, finishedAt, pauses, lastSeq } };
}

function checkBatch(batch: RunEventBatch, now: number) {
  if (batch.events.length === 0) throw new InvalidRunEventsError("events: send at least one event");
  const index = batch.events.findIndex((event) => event.activityId !== batch.activityId);
  if (index >= 0) {
    throw new InvalidRunEventsError(
      `events.${index}.activityId: ${batch.events[index]!.activityId} is not the batch's activity ${batch.activityId}`,
    );
  }
  // An event from the future, like a point (ingest.ts): a pause dated decades ahead would keep the run from ever
  // finishing, a start in 2099 would put an active run at the top of the history. A device's clock may be off by
  // the tolerance; an event made offline and sent later is in the past, so it is never refused for its age.
  const latest = now + CLOCK_TOLERANCE_MS;
  const ahead = batch.events.findIndex((event) => event.at > latest);
  if (ahead >= 0) {
    throw new InvalidRunEventsError(
      `events.${ahead}.at: ${new Date(batch.events[ahead]!.at).toISOString()} is ahead of the server's clock ` +
        `(${new Date(now).toISOString()}) by more than ${CLOCK_TOLERANCE_MS / 60_000} minutes`,
    );
  }
}

async function lockActivity(tx: Transaction, activityId: string) {
  const [row] = await tx.select().from(activities).where(eq(activities.id, activityId)).for("update");
  return row;
}

/** The activity, locked; created from the batch's start event when this is the first delivery. */
async function lockOrCreateActivity(tx: Transaction, userId: string, batch: RunEventBatch) {
  let activity = await lockActivity(tx, batch.activityId);
  if (!activity) {
    const start = batch.events.find((event): event is StartEvent => event.type === "start");
    if (!start) throw new ActivityNotFoundError(batch.activityId);
    const [course] = await tx.select({ id: courses.id }).from(courses).where(eq(courses.id, start.courseId));
    if (!course) throw new CourseNotFoundError(start.courseId);
    // A concurrent delivery of the same start may insert first: this waits for it, and we use its row.
    await tx
      .insert(activities)
      .values({ id: batch.activityId, userId, courseId: start.courseId, startedAt: new Date(start.at) })
      .onConflictDoNothing({ target: activities.id });
    activity = await lockActivity(tx, batch.activityId);
  }
  // Another runner's run is answered as one that does not exist, as every reader does (access/activity-access.ts).
  if (!activity || activity.userId !== userId) throw new ActivityNotFoundError(batch.activityId);
  return activity;
}

/** The run's stored events, plus any event of the batch already stored under another run. */
async function loadKnownEvents(tx: Transaction, activityId: string, events: readonly RunEvent[]) {
  const ids = events.map((event) => event.id);
  const rows = await tx
    .select()
    .from(activityEvents)
    .where(or(eq(activityEvents.activityId, activityId), inArray(activityEvents.id, ids)));
  return rows.map(toRunEvent);
}

/** The batch's events not stored yet, in batch order; refuses ids or sequence numbers already used otherwise. */
function newEvents(known: readonly RunEvent[], activityId: string, batch: readonly RunEvent[]): RunEvent[] {
  const byId = new Map(known.map((event) => [event.id, event]));
  const own = known.filter((event) => event.activityId === activityId);
  const bySeq = new Map(own.map((event) => [event.seq, event]));
  const fresh: RunEvent[] = [];
  batch.forEach((event, index) => {
    const same = byId.get(event.id);
    if (same) {
      if (same.activityId !== event.activityId) {
        throw new RunEventConflictError(`events.${index}.id: event ${event.id} belongs to another run`);
      }
      if (describe(same) !== describe(event)) {
        throw new RunEventConflictError(
          `events.${index}: event ${event.id} was already received as ${describe(same)}, not ${describe(event)}`,
        );
      }
      return; // A re-delivery: already stored (or earlier in this batch).
    }
    const taken = bySeq.get(event.seq);
    if (taken) {
      throw new RunEventConflictError(
        `events.${index}.seq: ${event.seq} is already taken by event ${taken.id} (${describe(taken)})`,
      );
    }
    byId.set(event.id, event);
    bySeq.set(event.seq, event);
    fresh.push(event);
  });
  return fresh;
}

/** Content of an event, without its id: two deliveries of one event must agree on all of it. */
function describe(event: RunEvent): string {
  const detail = event.type === "start" ? ` course ${event.courseId}` : event.type === "finish" ? ` ${event.status}` : "";
  return `#${event.seq} ${event.type}${detail} at ${new Date(event.at).toISOString()}`;
}

function fold(events: readonly RunEvent[]) {
  try {
    const state = foldRunEvents(events);
    if (!state) throw new InvalidRunEventsError("events: send at least one event");
    return state;
  } catch (error) {
    if (error instanceof IllegalRunTransitionError) throw new RunTransitionRefusedError(error.message);
    throw error;
  }
}

function toRow(event: RunEvent): typeof activityEvents.$inferInsert {
  return {
    id: event.id,
    activityId: event.activityId,
    seq: event.seq,
    type: event.type,
    at: new Date(event.at),
    courseId: event.type === "start" ? event.courseId : null,
    status: event.type === "finish" ? event.status : null,
  };
}

function toRunEvent(row: EventRow): RunEvent {
  const base = { id: row.id, activityId: row.activityId, seq: row.seq, at: row.at.getTime() };
  switch (row.type) {
    case "start":
      return { ...base, type: "start", courseId: row.courseId! }; // the table's check constraint guarantees it
    case "finish":
      return { ...base, type: "finish", status: row.status! };
    default:
      return { ...base, type: row.type };
  }
}
