/** Space checks before a download, and the request that keeps downloaded courses from being evicted. */
import type { OfflineDeps } from "./deps";
import { InsufficientStorageError } from "./errors";

/**
 * Room kept free beyond the course itself: the estimate is approximate (Chromium pads opaque sizes, other
 * browsers round), and filling storage to the last byte makes other writes of the app fail.
 */
const HEADROOM_BYTES = 5_000_000;

/** Throws InsufficientStorageError when the origin's free quota cannot hold `neededBytes` plus headroom. */
export async function ensureRoomFor(neededBytes: number, storage: OfflineDeps["storage"]): Promise<void> {
  if (!storage) return;
  let estimate: StorageEstimate;
  try {
    estimate = await storage.estimate();
  } catch {
    return; // No estimate (some private modes): let the write itself fail with a quota error if it must.
  }
  if (estimate.quota === undefined) return;
  const free = Math.max(0, estimate.quota - (estimate.usage ?? 0));
  if (free < neededBytes + HEADROOM_BYTES) throw new InsufficientStorageError(neededBytes, free);
}

/**
 * Asks the browser to keep this origin's storage under pressure. Chromium answers by heuristics (installed,
 * bookmarked, engaged), Firefox may ask the runner; a refusal is not an error, only a weaker guarantee.
 */
export async function requestPersistence(storage: OfflineDeps["storage"]): Promise<boolean> {
  try {
    return (await storage?.persist()) ?? false;
  } catch {
    return false;
  }
}
