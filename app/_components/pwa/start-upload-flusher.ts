/**
 * The uploading half of UploadSync, in a chunk of its own: the flusher, the ingest requests and superjson
 * (about 5 KB gzipped) load only once something is waiting to upload, not on every page a runner opens
 * (issue 14's JavaScript budget for the run screen). Returns the function that stops it.
 */
import { requestBackgroundSync } from "@/app/_lib/outbox/background-sync";
import { createIngestSenders } from "@/app/_lib/outbox/ingest-fetch";
import { createOutboxSender } from "@/app/_lib/outbox/sender";
import { startOutboxSync } from "@/app/_lib/outbox/sync";

export function startUploadFlusher(): () => void {
  return startOutboxSync(createOutboxSender(createIngestSenders()), {
    onLeftWaiting: () => void requestBackgroundSync(),
  });
}
