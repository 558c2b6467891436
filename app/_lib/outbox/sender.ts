/**
 * Turns outbox items into server calls, one function per kind, so the uploader stays ignorant of tRPC.
 * The run screen wires it once:
 *   createOutboxSender({ runEvents: (input, signal) => trpc.activities.syncEvents.mutate(input, { signal }) })
 * An answer that does not acknowledge every event sent is a refusal: sending the same events again would get
 * the same answer, so the item is set aside (kept) rather than blocking everything behind it.
 */
import type { RunEvent } from "@/domain/run/events";
import type { OutboxSend } from "./flush";
import { OutboxSendError } from "./send-error";

export type SyncRunEvents = (
  input: { activityId: string; events: RunEvent[] },
  signal: AbortSignal,
) => Promise<{ acknowledged: readonly string[] }>;

export interface OutboxSenders {
  runEvents: SyncRunEvents;
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
    }
  };
}
