/**
 * Whether a run is being recorded in this tab. The run screen sets it; the update prompt hides while it is
 * on, because taking the update reloads the page and would end the run.
 */
type Listener = () => void;

let runInProgress = false;
const listeners = new Set<Listener>();

export function setRunInProgress(active: boolean): void {
  if (active === runInProgress) return;
  runInProgress = active;
  for (const listener of listeners) listener();
}

export function isRunInProgress(): boolean {
  return runInProgress;
}

/** For `useSyncExternalStore`. */
export function subscribeRunInProgress(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
