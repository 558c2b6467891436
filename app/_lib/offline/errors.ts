/**
 * Why a download did not finish, as typed errors. Each has a `code` the UI maps to words in the runner's
 * language, and an English message for logs and for callers without labels.
 */
import { formatBytes } from "../format";

export class InsufficientStorageError extends Error {
  readonly code = "INSUFFICIENT_STORAGE" as const;
  constructor(
    readonly neededBytes: number,
    readonly availableBytes: number,
  ) {
    super(`Needs ${formatBytes(neededBytes)}, only ${formatBytes(availableBytes)} free`);
  }
}

/** The browser refused to store more (QuotaExceededError while writing); the partial download was deleted. */
export class StorageFullError extends Error {
  readonly code = "STORAGE_FULL" as const;
  constructor(options?: ErrorOptions) {
    super("The device ran out of space for offline courses while saving this one; nothing was kept", options);
  }
}

/** The network or the server failed; files already stored are kept, so trying again resumes. */
export class DownloadFailedError extends Error {
  readonly code = "DOWNLOAD_FAILED" as const;
  constructor(
    readonly url: string,
    readonly status: number | null,
    options?: ErrorOptions,
  ) {
    super(status === null ? `The connection failed while downloading ${url}` : `The server answered ${status} for ${url}`, options);
  }
}

export class DownloadAbortedError extends Error {
  readonly code = "DOWNLOAD_ABORTED" as const;
  constructor() {
    super("The download was cancelled; nothing was kept");
  }
}

/** The browser has no Cache API (old browser, or a private window that disables it). */
export class OfflineUnsupportedError extends Error {
  readonly code = "OFFLINE_UNSUPPORTED" as const;
  constructor() {
    super("This browser cannot keep courses for offline use");
  }
}

export type DownloadError =
  | InsufficientStorageError
  | StorageFullError
  | DownloadFailedError
  | DownloadAbortedError
  | OfflineUnsupportedError;

export function isQuotaExceeded(error: unknown): boolean {
  return error instanceof DOMException && (error.name === "QuotaExceededError" || error.code === DOMException.QUOTA_EXCEEDED_ERR);
}

export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return Boolean(signal?.aborted) || (error instanceof DOMException && error.name === "AbortError");
}
