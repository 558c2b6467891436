/**
 * The browser APIs the download manager uses, passed in so unit tests can give it an in-memory Cache API and
 * a fake network. Components call the functions without this argument and get the browser's own.
 */
import { OfflineUnsupportedError } from "./errors";

export interface OfflineDeps {
  caches: CacheStorage;
  fetch: typeof fetch;
  /** Absent in browsers without the Storage API; then no size check or persistence request is made. */
  storage?: Pick<StorageManager, "estimate" | "persist">;
}

export function browserDeps(): OfflineDeps {
  if (typeof caches === "undefined") throw new OfflineUnsupportedError();
  return {
    caches,
    fetch: (input, init) => fetch(input, init),
    storage: typeof navigator !== "undefined" && navigator.storage ? navigator.storage : undefined,
  };
}
