/**
 * The outbox: everything the server must eventually receive, kept in IndexedDB until it is acknowledged,
 * uploaded in order by one tab (or the service worker) at a time. See flush.ts for the upload rules,
 * next-upload.ts for which items go up together, sync.ts for when the pages upload, background-sync.ts for
 * the worker, and ingest-fetch.ts for the requests both send.
 */
export { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffCeiling, backoffDelay } from "./backoff";
export { classifyError, parseRetryAfter, type ErrorClassification } from "./classify-error";
export { DEFAULT_SEND_TIMEOUT_MS, flushOutbox, type FlushOptions, type FlushResult, type OutboxSend } from "./flush";
export {
  MAX_POINTS_PER_UPLOAD,
  pointsItem,
  POINTS_PER_ITEM,
  runEventsItem,
  type OutboxItem,
  type OutboxItemKind,
  type UnpackedPoint,
  type PointsItem,
  type RejectedItem,
  type RunEventsItem,
} from "./items";
export { packPointBatch, packPoints, storePoint } from "./points";
export { OUTBOX_SYNC_TAG, requestBackgroundSync } from "./background-sync";
export { APPEND_POINTS_PATH, createIngestSenders, IngestHttpError, postMutation, SYNC_EVENTS_PATH, type IngestFetchOptions } from "./ingest-fetch";
export { activitiesOnDevice, countWaitingFor, listOutbox, listRejected, type ActivitiesOnDevice } from "./read";
export { OutboxSendError } from "./send-error";
export {
  createOutboxSender,
  type AppendPoints,
  type OutboxSenderOptions,
  type OutboxSenders,
  type SyncRunEvents,
} from "./sender";
export {
  getOutboxStatus,
  notifyOutboxEnqueued,
  OUTBOX_CHANNEL_NAME,
  subscribeOutbox,
  type OutboxStatus,
  type OutboxStatusListener,
} from "./status";
export { DEFAULT_SYNC_INTERVAL_MS, OUTBOX_LOCK_NAME, startOutboxSync, type OutboxSyncOptions, type SetTimer } from "./sync";
