/**
 * Tells every tab when a stored run changed, with the run as it now is (null once cleared), so a second
 * tab's run screen follows the first instead of recording a run of its own.
 */
import { openTabChannel, type TabChannel } from "../device-db";
import type { LocalRun } from "./local-run";

export const RUN_CHANNEL_NAME = "runcoach-run";

export interface RunChange {
  activityId: string;
  run: LocalRun | null;
}

export type RunChangeListener = (change: RunChange) => void;

const listeners = new Set<RunChangeListener>();
let channel: TabChannel<RunChange> | null | undefined;

function notifyLocal(change: RunChange): void {
  for (const listener of listeners) listener(change);
}

function getChannel(): TabChannel<RunChange> | null {
  channel ??= openTabChannel<RunChange>(RUN_CHANNEL_NAME, notifyLocal);
  return channel;
}

/** Calls `listener` after every change to a stored run, in this tab or another; returns the unsubscribe. */
export function subscribeRun(listener: RunChangeListener): () => void {
  listeners.add(listener);
  getChannel();
  return () => {
    listeners.delete(listener);
  };
}

export function publishRunChange(change: RunChange): void {
  notifyLocal(change);
  getChannel()?.post(change);
}
