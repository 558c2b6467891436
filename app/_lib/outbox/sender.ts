/**
 * Turns outbox items into server calls, one function per kind, so the uploader stays ignorant of tRPC.
 * The run screen wires it once:
 *   createOutboxSender({
 *     runEvents: (input, signal) => trpc.activities.syncEvents.mutate(input, { signal }),
 *     points: (input, signal) => trpc.activities.appendPoints.mutate(input, { signal }),
 *   })
 * An answer that does not acknowledge every event (or store every point) sent is a refusal: sending the same
 * batch again would get the same answer, so the item is set aside (kept) rather than blocking everything
 * behind it. Only a complete acknowledgement lets the flusher delete a batch.
 *
 * Points go up in calls of at most `MAX_POINTS_PER_UPLOAD` (the server's limit), and while the page is hidden
 * in calls of at most `KEEPALIVE_POINTS_PER_REQUEST`, one after the other: a merged upload of 500 points is
 * 90–100 KB, too big for `keepalive`, which is what lets the last upload outlive a closed tab. The item counts
 * as sent only once every call stored every point (a retry re-sends the calls that succeeded; the server
 * keeps one copy per point id).
 */
import type { TrackPoint } from "@/domain/geo/track-point";
import type { LiveAnswer } from "@/domain/live/cheers";
import type { RunEvent } from "@/domain/run/events";
import { receiveLiveAnswer, restoreCheerAcks, takeCheerAcks } from "../live/live-inbox";
import type { OutboxSend } from "./flush";
import { MAX_POINTS_PER_UPLOAD } from "./items";
import { isPageHidden, KEEPALIVE_POINTS_PER_REQUEST } from "./keepalive-fetch";
import { OutboxSendError } from "./send-error";

export type SyncRunEvents = (
  input: { activityId: string; events: RunEvent[] },
  signal: AbortSignal,
) => Promise<{ acknowledged: readonly string[] }>;

export type AppendPoints = (
  input: { activityId: string; points: TrackPoint[]; ackCheers?: string[] },
  signal: AbortSignal,
) => Promise<{ stored: readonly string[]; live?: LiveAnswer }>;

export interface OutboxSenders {
  runEvents: SyncRunEvents;
  points: AppendPoints;
}

export interface OutboxSenderOptions {
  /** For tests: whether the page is hidden right now (read before each call). */
  pageHidden?: () => boolean;
}

async function appendAll(
  append: AppendPoints,
  input: { activityId: string; points: TrackPoint[] },
  signal: AbortSignal,
  pageHidden: () => boolean,
): Promise<void> {
  for (let from = 0; from < input.points.length; ) {
    const size = pageHidden() ? KEEPALIVE_POINTS_PER_REQUEST : MAX_POINTS_PER_UPLOAD;
    const points = input.points.slice(from, from + size);
    // Live runs: the cheers heard since the last upload are acknowledged with this one (live-inbox.ts).
    const ackCheers = takeCheerAcks(input.activityId);
    let answer: Awaited<ReturnType<AppendPoints>>;
    try {
      answer = await append({ activityId: input.activityId, points, ...(ackCheers.length > 0 && { ackCheers }) }, signal);
    } catch (error) {
      restoreCheerAcks(input.activityId, ackCheers);
      throw error;
    }
    const { stored } = answer;
    receiveLiveAnswer(input.activityId, answer.live);
    const acknowledged = new Set(stored);
    const missing = points.filter((point) => !acknowledged.has(point.id)).length;
    if (missing > 0) {
      throw new OutboxSendError(`The server stored ${points.length - missing} of ${points.length} points`, false);
    }
    from += points.length;
  }
}

export function createOutboxSender(senders: OutboxSenders, options: OutboxSenderOptions = {}): OutboxSend {
  const pageHidden = options.pageHidden ?? isPageHidden;
  return async (item, signal) => {
    switch (item.kind) {
      case "run-events": {
        const { acknowledged } = await senders.runEvents({ activityId: item.activityId, events: item.events }, signal);
        const missing = item.events.filter((event) => !acknowledged.includes(event.id));
        if (missing.length > 0) {
          throw new OutboxSendError(
            `The server acknowledged ${item.events.length - missing.length} of ${item.events.length} events (missing seq ${missing.map((e) => e.seq).join(", ")})`,
            false,
          );
        }
        return;
      }
      case "points":
        return appendAll(senders.points, { activityId: item.activityId, points: item.points }, signal, pageHidden);
    }
  };
}
