/**
 * What one poll of the points topic asks the Location Service to do, worked out without I/O: the point
 * batches of each run coalesced into as few single-partition Cassandra writes as fit (a run's points are one
 * partition, so a thousand of them are one mutation), the runs whose record was asked for, and the messages
 * that cannot be read (for the dead-letter topic). One run's messages always come from one Kafka partition,
 * in order; coalescing them keeps that order, and the writes are upserts, so order matters only for the
 * record, which is computed after every write of the poll.
 */
import type { TrackPoint } from "@/domain/geo/track-point";
import { decodeLocationMessage, UnreadableMessageError } from "../kafka/location-messages";

/** The most points in one Cassandra batch: about 80 KB, one mutation of one partition. */
export const MAX_POINTS_PER_WRITE = 1_000;

/** A message as the consumer delivers it: its value and where it came from (for commits and dead letters). */
export interface ReceivedMessage {
  value: Buffer | undefined;
  partition: number;
  offset: bigint;
  requestId?: string;
}

export interface PointWrite {
  activityId: string;
  points: TrackPoint[];
  /** The messages whose points this write carries (a message may span two writes). */
  sources: ReceivedMessage[];
}

export interface WritePlan {
  writes: PointWrite[];
  /** Runs with points in this poll: if one has already finished, its record must be computed again. */
  pointActivities: string[];
  /** Runs whose record request (a finish, a recompute) is in this poll. */
  recordRequests: string[];
  unreadable: { message: ReceivedMessage; reason: string }[];
  /** When the upload API accepted each points message of the poll (epoch ms): for the pipeline's lag. */
  receivedAt: number[];
}

export function planWrites(messages: readonly ReceivedMessage[], maxPointsPerWrite = MAX_POINTS_PER_WRITE): WritePlan {
  const pointsByActivity = new Map<string, { points: TrackPoint[]; sources: ReceivedMessage[] }[]>();
  const recordRequests = new Set<string>();
  const unreadable: WritePlan["unreadable"] = [];
  const receivedAt: number[] = [];
  for (const message of messages) {
    let decoded;
    try {
      decoded = decodeLocationMessage(message.value);
    } catch (error) {
      if (!(error instanceof UnreadableMessageError)) throw error;
      unreadable.push({ message, reason: error.message });
      continue;
    }
    if (decoded.kind === "record") {
      recordRequests.add(decoded.activityId);
      continue;
    }
    receivedAt.push(decoded.receivedAt);
    const chunks = pointsByActivity.get(decoded.activityId) ?? [];
    pointsByActivity.set(decoded.activityId, chunks);
    for (let i = 0; i < decoded.points.length; ) {
      let last = chunks.at(-1);
      if (!last || last.points.length >= maxPointsPerWrite) {
        last = { points: [], sources: [] };
        chunks.push(last);
      }
      const take = decoded.points.slice(i, i + maxPointsPerWrite - last.points.length);
      last.points.push(...take);
      if (last.sources.at(-1) !== message) last.sources.push(message);
      i += take.length;
    }
  }
  const writes: PointWrite[] = [];
  for (const [activityId, chunks] of pointsByActivity) {
    for (const chunk of chunks) writes.push({ activityId, ...chunk });
  }
  return { writes, pointActivities: [...pointsByActivity.keys()], recordRequests: [...recordRequests], unreadable, receivedAt };
}

/** The offset to commit per partition: one past the last message of the poll. */
export function commitOffsets(messages: readonly ReceivedMessage[]): Map<number, bigint> {
  const next = new Map<number, bigint>();
  for (const { partition, offset } of messages) {
    const current = next.get(partition);
    if (current === undefined || offset + 1n > current) next.set(partition, offset + 1n);
  }
  return next;
}
