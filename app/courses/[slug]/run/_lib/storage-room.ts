/**
 * Whether this device has room for a run's GPS points, asked before the start: a runner with a full phone
 * should hear it at the start line, not find an empty run afterwards. The answer is an estimate (the
 * browser's quota minus usage), so a low figure warns but does not forbid the run: the coach works without
 * storage for points, and the recorder says so again if a write does fail.
 */
import { InsufficientStorageError, isQuotaExceeded } from "@/app/_lib/offline/errors";
import { ensureRoomFor } from "@/app/_lib/offline/storage";

/**
 * Room a long run needs: two hours at 1 Hz is 7,200 fixes, each kept in IndexedDB with its index entry and
 * then in an outbox batch, about 0.5 KB in all: ~4 MB. `ensureRoomFor` adds its own headroom on top.
 */
export const RUN_STORAGE_BYTES = 4_000_000;

export type StorageRoom = "enough" | "low";

export async function checkRunStorage(storage: Pick<StorageManager, "estimate" | "persist"> | undefined): Promise<StorageRoom> {
  try {
    await ensureRoomFor(RUN_STORAGE_BYTES, storage);
    return "enough";
  } catch (error) {
    if (error instanceof InsufficientStorageError) return "low";
    return "enough"; // No usable estimate: nothing to say until a write fails.
  }
}

/** Words for a start that failed: the full-storage case in the runner's language, anything else as is. */
export function startErrorMessage(error: unknown, labels: { storageFull: string }): string {
  if (isQuotaExceeded(error)) return labels.storageFull;
  return error instanceof Error ? error.message : String(error);
}
