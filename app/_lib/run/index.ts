/**
 * The run being recorded, kept in IndexedDB as it changes so a reload or a crash resumes it; every lifecycle
 * event is enqueued in the outbox in the same transaction that stores it.
 */
export { beginRun, type BeginRunInput, type BeginRunResult } from "./begin-run";
export { RunNotFoundError } from "./errors";
export { clearFinishedRuns, FINISHED_RUN_GRACE_MS } from "./housekeeping";
export { loadActiveRun, loadRun } from "./load-run";
export { DEFAULT_RUN_SETTINGS, isRunFinished, runState, type LocalRun, type RunSettings } from "./local-run";
export { recordRunEvent, type RunEventInput } from "./record-event";
export { RUN_CHANNEL_NAME, subscribeRun, type RunChange, type RunChangeListener } from "./run-channel";
export { updateRunSettings } from "./settings";
export { deviceRunsToShow, listDeviceRuns, type DeviceRun } from "./waiting-runs";
export { IllegalRunTransitionError } from "@/domain/run/events";
