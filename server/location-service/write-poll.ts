/**
 * Writes one poll of the points topic to Cassandra, then makes sure the records owed are asked for. It
 * resolves only when every message of the poll is either in Cassandra or in the dead-letter topic, and every
 * finished run it touched is marked as owing a record in PostgreSQL: only then may the consumer commit.
 * A store that is unavailable makes it throw `StoreUnavailableError`, and the consumer writes the whole poll
 * again later (upserts: what was written already is written once more, unchanged).
 */
import type { Logger } from "pino";
import type { LocationStore } from "../cassandra/location-store";
import type { Database } from "../db";
import { notePointsWritten } from "../activities/points-written";
import type { DeadLetter, DeadLetterPublisher } from "./dead-letters";
import { failureKind } from "./failure-kind";
import type { LocationServiceMetrics } from "./metrics";
import { planWrites, type PointWrite, type ReceivedMessage } from "./write-plan";

/** Tries of a write the store refuses before its messages are dead-lettered. */
export const REFUSED_WRITE_ATTEMPTS = 3;
const WRITE_CONCURRENCY = 32;

export class StoreUnavailableError extends Error {
  readonly code = "STORE_UNAVAILABLE" as const;
  constructor(cause: unknown) {
    super(`a store is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export interface WritePollDeps {
  db: Database;
  locationStore: () => Promise<LocationStore>;
  deadLetters: DeadLetterPublisher;
  requestRecord: (activityId: string) => void;
  metrics?: LocationServiceMetrics;
  log: Logger;
}

async function writeWithRetries(deps: WritePollDeps, store: LocationStore, write: PointWrite): Promise<DeadLetter[]> {
  for (let attempt = 1; ; attempt++) {
    const stop = deps.metrics?.writeSeconds.startTimer();
    try {
      await store.append(write.activityId, write.points);
      stop?.();
      deps.metrics?.pointsWritten.inc(write.points.length);
      return [];
    } catch (error) {
      if (failureKind(error) === "store-unavailable") throw new StoreUnavailableError(error);
      if (attempt < REFUSED_WRITE_ATTEMPTS) continue;
      // A coalesced write may hold one bad message among good ones: write them one by one, so only the
      // message the store refuses is set aside.
      if (write.sources.length > 1) return writeEachAlone(deps, store, write.sources);
      const reason = `cassandra refused the write ${attempt} times: ${error instanceof Error ? error.message : String(error)}`;
      return write.sources.map((message) => ({ message, key: write.activityId, reason }));
    }
  }
}

async function writeEachAlone(deps: WritePollDeps, store: LocationStore, sources: readonly ReceivedMessage[]) {
  const letters: DeadLetter[] = [];
  for (const source of sources) {
    for (const write of planWrites([source]).writes) letters.push(...(await writeWithRetries(deps, store, write)));
  }
  return letters;
}

/** Runs `work` over `items`, at most `limit` at a time; rejects with the first failure once all settled. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  let failure: unknown;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length && failure === undefined) {
        const item = items[next++]!;
        try {
          results.push(await work(item));
        } catch (error) {
          failure ??= error;
        }
      }
    }),
  );
  if (failure !== undefined) throw failure;
  return results;
}

export async function writePoll(deps: WritePollDeps, messages: readonly ReceivedMessage[]): Promise<void> {
  const plan = planWrites(messages);
  let store: LocationStore;
  try {
    store = await deps.locationStore();
  } catch (error) {
    throw new StoreUnavailableError(error);
  }
  const refused = (await inPool(plan.writes, WRITE_CONCURRENCY, (write) => writeWithRetries(deps, store, write))).flat();
  const letters: DeadLetter[] = [
    ...plan.unreadable.map(({ message, reason }) => ({ message, key: undefined, reason: `unreadable: ${reason}` })),
    ...refused,
  ];
  if (letters.length > 0) {
    try {
      await deps.deadLetters.publish(letters);
    } catch (error) {
      throw new StoreUnavailableError(error); // Kafka itself: wait, and try the poll again
    }
    for (const letter of letters) {
      deps.metrics?.deadLetters.inc({ reason: letter.reason.startsWith("unreadable") ? "unreadable" : "refused" });
      deps.log.error(
        { partition: letter.message.partition, offset: String(letter.message.offset), requestId: letter.message.requestId, reason: letter.reason },
        "message dead-lettered",
      );
    }
  }
  // Points for a run that has already finished change its record: mark it owed before the commit, so a
  // crash after the commit still leaves the request in PostgreSQL for the sweep. Points for an archived run
  // are marked for the archiver the same way.
  let finished: string[];
  try {
    finished = await notePointsWritten(deps.db, plan.pointActivities);
  } catch (error) {
    throw new StoreUnavailableError(error);
  }
  for (const activityId of new Set([...plan.recordRequests, ...finished])) deps.requestRecord(activityId);
  const writtenAt = Date.now();
  for (const at of plan.receivedAt) deps.metrics?.ingestLag.observe(Math.max(0, writtenAt - at) / 1000);
  const requestIds = messages.flatMap((message) => (message.requestId ? [message.requestId] : []));
  deps.log.debug(
    { messages: messages.length, writes: plan.writes.length, points: plan.writes.reduce((n, w) => n + w.points.length, 0), requestIds },
    "poll written",
  );
}
