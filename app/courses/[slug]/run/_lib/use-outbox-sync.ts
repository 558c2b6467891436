/**
 * Uploads the outbox while the run page is open (lifecycle events through `activities.syncEvents`, GPS point
 * batches through `activities.appendPoints`) and reports its state for "n events waiting to upload". The outbox decides when and in which order; this
 * only wires it to the page's tRPC client.
 */
import { useEffect, useSyncExternalStore } from "react";
import { createOutboxSender, getOutboxStatus, startOutboxSync, subscribeOutbox, type OutboxStatus } from "@/app/_lib/outbox";
import { useTRPCClient } from "@/app/_lib/trpc-provider";

export function useOutboxSync(): OutboxStatus {
  const client = useTRPCClient();
  useEffect(
    () =>
      startOutboxSync(
        createOutboxSender({
          runEvents: (input, signal) => client.activities.syncEvents.mutate(input, { signal }),
          points: (input, signal) => client.activities.appendPoints.mutate(input, { signal }),
        }),
      ),
    [client],
  );
  return useSyncExternalStore(subscribeOutbox, getOutboxStatus, getOutboxStatus);
}
