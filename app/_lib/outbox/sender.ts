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
 */
import type { TrackPoint } from "@/domain/geo/track-point";
import type { RunEvent } from "@/domain/run/events";
import type { OutboxSend } from "./flush";
import { OutboxSendError } from "./send-error";

export type SyncRunEvents = (
  input: { activityId: string; events: RunEvent[] },
  signal: AbortSignal,
) => Promise<{ acknowledged: readonly string[] }>;

export type AppendPoints = (
  input: { activityId: string; points: TrackPoint[] },
  signal: AbortSignal,
) => Promise<{ stored: readonly string[] }>;

export interface OutboxSenders {
  runEvents: SyncRunEvents;
  points: AppendPoints;
}

export function createOutboxSender(senders: OutboxSenders): OutboxSend {
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
      case "points": {
        const { stored } = await senders.points({ activityId: item.activityId, points: item.points }, signal);
        const acknowledged = new Set(stored);
        const missing = item.points.filter((point) => !acknowledged.has(point.id)).length;
        if (missing > 0) {
          throw new OutboxSendError(`The server stored ${item.points.length - missing} of ${item.points.length} points`, false);
        }
        return;
      }
    }
  };
}
