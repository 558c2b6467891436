/**
 * Keeps asking, while a follower's stream is open, whether the follower may still follow the run: the route
 * checks once, but a connection lives minutes, and meanwhile the runner may end the friendship or stop sharing.
 * The check (`mayFollow`, i.e. followableRun) runs again:
 * - on every access notice naming the viewer or the runner (access-notice.ts), so a change shows within seconds;
 * - once as soon as the notices are subscribed to, for a change made between the route's check and then,
 *   whose notice this server could not hear yet;
 * - every `intervalMs` (jittered), the backstop for a notice lost while the subscriber reconnected.
 * A check that fails (PostgreSQL away) is tried again after `retryMs`, the stream staying open meanwhile.
 */
import { accessCheckDelayMs } from "./live-bounds";
import type { LiveHub } from "./live-hub";

export interface AccessWatchDeps {
  hub: Pick<LiveHub, "watchAccess">;
  mayFollow(viewerId: string, activityId: string): Promise<boolean>;
  intervalMs: number;
  retryMs?: number;
  random?: () => number;
}

export interface Watched {
  activityId: string;
  viewerId: string;
  ownerId: string;
}

/** Calls `onRevoked` (once) when a check finds the viewer may no longer follow; stop with the returned function. */
export async function watchFollowAccess(deps: AccessWatchDeps, watched: Watched, onRevoked: () => void): Promise<() => void> {
  let stopped = false;
  let checking = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  function schedule(delayMs: number) {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(check, delayMs);
  }

  function check() {
    if (stopped) return;
    // A notice during a check: that check may have read PostgreSQL before the change, so check once more after it.
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    void (async () => {
      try {
        let allowed: boolean;
        do {
          again = false;
          allowed = await deps.mayFollow(watched.viewerId, watched.activityId);
        } while (allowed && again && !stopped);
        if (stopped) return;
        if (!allowed) {
          stop();
          onRevoked();
        } else {
          schedule(accessCheckDelayMs(deps.intervalMs, deps.random));
        }
      } catch {
        schedule(deps.retryMs ?? 5_000);
      } finally {
        checking = false;
      }
    })();
  }

  let unwatch: (() => void) | null = null;
  function stop() {
    stopped = true;
    clearTimeout(timer);
    unwatch?.();
  }

  unwatch = await deps.hub.watchAccess([watched.viewerId, watched.ownerId], check);
  check();
  return stop;
}
