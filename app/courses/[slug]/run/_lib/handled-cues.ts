/**
 * Up to which second of a run the coach has handled its cues, kept in sessionStorage so a reload neither
 * repeats a cue that was just spoken nor drops one that fell due while the page was loading. A new run, or
 * a tab opened fresh on a run in progress, has no entry (see use-coach-player.ts for where it starts).
 */
const keyOf = (activityId: string) => `runcoach:cues-handled:${activityId}`;

export function loadHandledUpTo(activityId: string): number | null {
  try {
    const value = Number(sessionStorage.getItem(keyOf(activityId)));
    return sessionStorage.getItem(keyOf(activityId)) === null || !Number.isFinite(value) ? null : value;
  } catch {
    return null; // Storage refused (private mode): the caller falls back to "now".
  }
}

export function saveHandledUpTo(activityId: string, handledUpTo: number): void {
  try {
    sessionStorage.setItem(keyOf(activityId), String(handledUpTo));
  } catch {
    // Not kept: after a reload the coach starts from the run's current second.
  }
}
