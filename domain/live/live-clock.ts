/**
 * The running clock a follower sees between updates. An update carries the active seconds at its last fix;
 * the runner's clock keeps going after it, so the page adds the time since that fix while the run is not
 * paused. Only for a while: a phone that stopped uploading (a tunnel, a flat battery) may also have paused,
 * so past `MAX_EXTRAPOLATION_MS` the clock holds and "last update n s ago" tells the follower why. A fix
 * stamped ahead of the follower's clock (skew between the two devices) adds nothing rather than going back.
 */
import type { LiveStats } from "./live-route";

/** How far past the last fix the follower's clock keeps running. */
export const MAX_EXTRAPOLATION_MS = 2 * 60 * 1000;

/** Active seconds to show at `now` (epoch ms) for the last stats received. */
export function elapsedShownAt(stats: Pick<LiveStats, "elapsedSeconds" | "lastFixAt" | "paused">, now: number, finished = false): number {
  if (stats.paused || finished) return stats.elapsedSeconds;
  const since = Math.min(MAX_EXTRAPOLATION_MS, Math.max(0, now - stats.lastFixAt));
  return stats.elapsedSeconds + Math.floor(since / 1000);
}
