/**
 * Background Sync (Chromium only): the page asks the browser for a `sync` event tagged `OUTBOX_SYNC_TAG`,
 * which the browser fires in the service worker once the network is there, even after every tab is closed
 * (app/_sw/outbox-sync.ts flushes the outbox then). The pages ask whenever uploads are left waiting: after a
 * round that failed, and when the page is hidden or closed with items still waiting. Where the API is missing
 * (Firefox, Safari) nothing happens, and the outbox goes up the next time any page of the app is open.
 */
export const OUTBOX_SYNC_TAG = "runcoach-outbox";

interface SyncManager {
  register(tag: string): Promise<void>;
}

/** Asks for a sync event; resolves to whether the browser took the request. */
export async function requestBackgroundSync(): Promise<boolean> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return false;
  try {
    // `ready` never settles without a worker registration (development builds): do not wait for it then.
    if (!(await navigator.serviceWorker.getRegistration())) return false;
    const registration = await navigator.serviceWorker.ready;
    const sync = (registration as ServiceWorkerRegistration & { sync?: SyncManager }).sync;
    if (!sync) return false;
    await sync.register(OUTBOX_SYNC_TAG);
    return true;
  } catch {
    // Refused (permission policy, a private window): the pages keep uploading when open.
    return false;
  }
}
