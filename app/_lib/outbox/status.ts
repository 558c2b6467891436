/**
 * The outbox as the UI sees it ("3 events waiting to upload"): counts read from the database, plus what the
 * flushing tab knows (is it uploading, what failed last). Every change is announced on the `runcoach-outbox`
 * channel so all tabs show the same thing; the snapshot object only changes when something changed, as
 * `useSyncExternalStore` needs.
 */
import { getDb, openTabChannel, OUTBOX_STORE, REJECTED_STORE, UNPACKED_POINTS_STORE, type TabChannel } from "../device-db";
import { activitiesWithUnpackedPoints } from "./unpacked-runs";

export const OUTBOX_CHANNEL_NAME = "runcoach-outbox";

export interface OutboxStatus {
  /** Run events waiting to upload (one item per recorded event). */
  events: number;
  /** GPS fixes not yet acknowledged by the server: still unpacked, or packed in an outbox item. */
  points: number;
  /** Runs with any event or fix waiting to upload ("2 runs waiting to upload" in the header). */
  runs: number;
  /** Items the server refused for good, kept on the device. */
  rejected: number;
  /** The last upload failure, or null once an upload round emptied the outbox. */
  lastError: string | null;
  /** A tab (or the service worker) is uploading right now. */
  flushing: boolean;
}

export type OutboxStatusListener = (status: OutboxStatus) => void;

/** What the flushing tab knows and the others cannot read from the database. */
type FlusherState = Partial<Pick<OutboxStatus, "lastError" | "flushing">>;

interface OutboxMessage {
  type: "changed";
  /** Something new was enqueued: flushers should upload it. */
  enqueued: boolean;
  flusher?: FlusherState;
}

const INITIAL_STATUS: OutboxStatus = { events: 0, points: 0, runs: 0, rejected: 0, lastError: null, flushing: false };

let status: OutboxStatus = INITIAL_STATUS;
const statusListeners = new Set<OutboxStatusListener>();
const enqueueListeners = new Set<() => void>();
let channel: TabChannel<OutboxMessage> | null | undefined;
let refreshChain: Promise<void> = Promise.resolve();

function getChannel(): TabChannel<OutboxMessage> | null {
  if (channel === undefined) {
    channel = openTabChannel<OutboxMessage>(OUTBOX_CHANNEL_NAME, (message) => {
      void refresh(message.flusher);
      if (message.enqueued) for (const listener of enqueueListeners) listener();
    });
  }
  return channel;
}

function setStatus(next: OutboxStatus): void {
  if (
    next.events === status.events &&
    next.points === status.points &&
    next.runs === status.runs &&
    next.rejected === status.rejected &&
    next.lastError === status.lastError &&
    next.flushing === status.flushing
  ) {
    return;
  }
  status = next;
  for (const listener of statusListeners) listener(status);
}

/** One read transaction, so a batch being packed is never counted twice or not at all. */
async function readCounts(): Promise<Pick<OutboxStatus, "events" | "points" | "runs" | "rejected">> {
  const db = await getDb();
  const tx = db.transaction([OUTBOX_STORE, REJECTED_STORE, UNPACKED_POINTS_STORE], "readonly");
  const [items, rejected, unpacked, unpackedRuns] = await Promise.all([
    tx.objectStore(OUTBOX_STORE).getAll(),
    tx.objectStore(REJECTED_STORE).count(),
    tx.objectStore(UNPACKED_POINTS_STORE).count(),
    activitiesWithUnpackedPoints(tx.objectStore(UNPACKED_POINTS_STORE)),
    tx.done,
  ]);
  const runs = new Set(unpackedRuns);
  let events = 0;
  let packed = 0;
  for (const item of items) {
    runs.add(item.activityId);
    if (item.kind === "points") packed += item.points.length;
    else events += 1;
  }
  return { events, points: unpacked + packed, runs: runs.size, rejected };
}

/** Re-reads the counts (one read at a time, so an older read never overwrites a newer one). */
function refresh(flusher?: FlusherState): Promise<void> {
  refreshChain = refreshChain.then(async () => {
    try {
      setStatus({ ...status, ...(await readCounts()), ...flusher });
    } catch {
      // No database (server rendering, storage disabled): keep what we have; the counts stay unknown.
      if (flusher) setStatus({ ...status, ...flusher });
    }
  });
  return refreshChain;
}

export function getOutboxStatus(): OutboxStatus {
  return status;
}

/** Calls `listener` after every change, in this tab or another; returns the unsubscribe function. */
export function subscribeOutbox(listener: OutboxStatusListener): () => void {
  statusListeners.add(listener);
  getChannel();
  void refresh();
  return () => {
    statusListeners.delete(listener);
  };
}

/** Announces a change to this tab and the others, once the counts are re-read. */
export async function publishOutboxChange(change: { enqueued?: boolean; flusher?: FlusherState } = {}): Promise<void> {
  await refresh(change.flusher);
  getChannel()?.post({ type: "changed", enqueued: change.enqueued ?? false, flusher: change.flusher });
  if (change.enqueued) for (const listener of enqueueListeners) listener();
}

/** For whoever wrote to the outbox in its own transaction (the run recorder), after it committed. */
export function notifyOutboxEnqueued(): Promise<void> {
  return publishOutboxChange({ enqueued: true });
}

/** Tells the uploader that something new was enqueued, in this tab or another. */
export function onOutboxEnqueued(listener: () => void): () => void {
  enqueueListeners.add(listener);
  getChannel();
  return () => {
    enqueueListeners.delete(listener);
  };
}
