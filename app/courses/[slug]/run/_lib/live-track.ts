/**
 * What the run screen shows about the fixes recorded so far — how many, how far, the recent stretch for the
 * pace — kept as a running total, so a fix costs one haversine step instead of a pass over the whole track.
 * The fixes themselves live in IndexedDB until the server has them; this summary is kept in sessionStorage so
 * a reload mid-run (or on the summary) still shows the distance run before it.
 */
import { haversineDistance } from "@/domain/geo/distance";
import type { TrackPoint } from "@/domain/geo/track-point";
import { PACE_WINDOW_MS } from "./pace";

export interface LiveTrack {
  pointCount: number;
  distanceMeters: number;
  /** The fixes of the last `PACE_WINDOW_MS` (and the one before them), oldest first. */
  recent: TrackPoint[];
}

export const EMPTY_TRACK: LiveTrack = { pointCount: 0, distanceMeters: 0, recent: [] };

/**
 * A fix with the same time as the last one is that fix again (Chromium hands a new watch the cached position
 * after a reload): recording it would store a second point at the same instant.
 */
export function isRepeat(track: LiveTrack, point: TrackPoint): boolean {
  return track.recent.at(-1)?.ts === point.ts;
}

/** The track with one more fix (the same path sum as `pathDistance`, one step at a time). */
export function addFix(track: LiveTrack, point: TrackPoint): LiveTrack {
  const last = track.recent.at(-1);
  const distanceMeters = track.distanceMeters + (last ? haversineDistance(last, point) : 0);
  const recent = [...track.recent, point];
  // Keep one fix older than the window, so the pace spans the whole window.
  while (recent.length > 2 && point.ts - recent[1]!.ts > PACE_WINDOW_MS) recent.shift();
  return { pointCount: track.pointCount + 1, distanceMeters, recent };
}

function storageKey(activityId: string): string {
  return `runcoach-live-track-${activityId}`;
}

export function loadLiveTrack(activityId: string): LiveTrack {
  try {
    const raw = sessionStorage.getItem(storageKey(activityId));
    if (!raw) return EMPTY_TRACK;
    const parsed = JSON.parse(raw) as Partial<LiveTrack>;
    if (typeof parsed.pointCount !== "number" || typeof parsed.distanceMeters !== "number" || !Array.isArray(parsed.recent)) {
      return EMPTY_TRACK;
    }
    return { pointCount: parsed.pointCount, distanceMeters: parsed.distanceMeters, recent: parsed.recent };
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
