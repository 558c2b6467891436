"use client";
/**
 * Uploads the outbox from whatever page is open (mounted once, in the root layout, for a signed-in runner):
 * a run recorded on the run screen goes up from History, the catalog or any other page, one tab at a time
 * (startOutboxSync holds the cross-tab Web Lock). Whenever uploads are left waiting it asks for Background
 * Sync, so the service worker sends them once the network returns even with every tab closed. Runs the
 * server has leave the device once their grace period is over (checked at start and whenever the outbox
 * empties). Renders nothing.
 */
import { useEffect } from "react";
import { createIngestSenders, createOutboxSender, requestBackgroundSync, startOutboxSync, subscribeOutbox } from "@/app/_lib/outbox";
import { clearFinishedRuns, FINISHED_RUN_GRACE_MS } from "@/app/_lib/run";

function clearUploadedRuns(): void {
  clearFinishedRuns(FINISHED_RUN_GRACE_MS).catch(() => {
    // No database (storage disabled): nothing is kept, nothing to clear.
  });
}

export function UploadSync() {
  useEffect(() => {
    const stop = startOutboxSync(createOutboxSender(createIngestSenders()), {
      onLeftWaiting: () => void requestBackgroundSync(),
    });
    let waiting = true;
    const unsubscribe = subscribeOutbox((status) => {
      if (waiting && status.runs === 0) clearUploadedRuns();
      waiting = status.runs > 0;
    });
    return () => {
      unsubscribe();
      stop();
    };
  }, []);
  return null;
}
