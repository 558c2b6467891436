/**
 * The run screen's live track (domain/record/live-track.ts) kept in sessionStorage, so a reload mid-run (or on
 * the summary) still shows the distance run before it; the fixes themselves live in IndexedDB until the server
 * has them.
 */
import { EMPTY_TRACK, type LiveTrack } from "@/domain/record/live-track";

export { addFix, EMPTY_TRACK, isRepeat, type LiveTrack } from "@/domain/record/live-track";

function storageKey(activityId: string): string {
  return `runcoach-live-track-${activityId}`;
}

export function loadLiveTrack(activityId: string): LiveTrack {
  try {
    const raw = sessionStorage.getItem(storageKey(activityId));
    if (!raw) return EMPTY_TRACK;
    const parsed = JSON.parse(raw) as Partial<LiveTrack>;
    if (
      typeof parsed.pointCount !== "number" ||
      typeof parsed.settledMeters !== "number" ||
      typeof parsed.distanceMeters !== "number" ||
      !Array.isArray(parsed.tail) ||
      !Array.isArray(parsed.recentSteps)
    ) {
      return EMPTY_TRACK; // Missing, or saved by an older version: start the display afresh.
    }
    return {
      pointCount: parsed.pointCount,
      settledMeters: parsed.settledMeters,
      settledUntil: typeof parsed.settledUntil === "number" ? parsed.settledUntil : null,
      tail: parsed.tail,
      distanceMeters: parsed.distanceMeters,
      recentSteps: parsed.recentSteps,
    };
  } catch {
    return EMPTY_TRACK; // No sessionStorage (server rendering, disabled): start from nothing.
  }
}

export function saveLiveTrack(activityId: string, track: LiveTrack): void {
  try {
    sessionStorage.setItem(storageKey(activityId), JSON.stringify(track));
  } catch {
    // Full or disabled: the display restarts after a reload; the fixes themselves are in IndexedDB.
  }
}
