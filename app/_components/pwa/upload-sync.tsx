"use client";
/**
 * Uploads the outbox from whatever page is open (mounted once, in the root layout, for a signed-in runner):
 * a run recorded on the run screen goes up from History, the catalog or any other page, one tab at a time
 * (startOutboxSync holds the cross-tab Web Lock). Whenever uploads are left waiting it asks for Background
 * Sync, so the service worker sends them once the network returns even with every tab closed. Runs the
 * server has leave the device once their grace period is over (checked at start and whenever the outbox
 * empties). Renders nothing.
 *
 * The flusher itself (start-upload-flusher.ts) is imported the first time the outbox holds something
 * (flusher-on-demand.ts), and then keeps running: its first round uploads what was waiting. Until then a
 * page pays only for the outbox's counts, which the header badge reads anyway.
 */
import { useEffect } from "react";
import { subscribeOutbox } from "@/app/_lib/outbox/status";
import { clearFinishedRuns, FINISHED_RUN_GRACE_MS } from "@/app/_lib/run/housekeeping";
import { runFlusherOnDemand } from "./flusher-on-demand";

function clearUploadedRuns(): void {
  clearFinishedRuns(FINISHED_RUN_GRACE_MS).catch(() => {
    // No database (storage disabled): nothing is kept, nothing to clear.
  });
}

export function UploadSync() {
  useEffect(
    () =>
      runFlusherOnDemand({
        subscribe: subscribeOutbox,
        start: () => import("./start-upload-flusher").then(({ startUploadFlusher }) => startUploadFlusher()),
        clearUploaded: clearUploadedRuns,
      }),
    [],
  );
  return null;
}
