/**
 * "Running now": the viewer's friends' runs that may be followed and sent a fix recently. PostgreSQL says which
 * runs are open and followable by this viewer; Redis says which of them are really moving (a phone that never
 * sent its finish leaves an open run behind, which the Redis state outlives by `RECENT_FIX_MS` at most).
 */
import type { Database } from "../db";
import { friendsOpenRuns, type Follower } from "./live-runs";
import type { LiveStore } from "./live-store";

export const RECENT_FIX_MS = 5 * 60_000;

export interface RunningNow {
  activityId: string;
  runnerName: string;
  runnerUsername: string;
  ownerId: string;
  lastFixAt: number;
}

export async function runningNow(db: Database, store: LiveStore, viewer: Follower, now = Date.now()): Promise<RunningNow[]> {
  const open = await friendsOpenRuns(db, viewer, undefined, now);
  const states = await Promise.all(open.map((run) => store.snapshot(run.activityId)));
  return open.flatMap((run, i) => {
    const state = states[i];
    const lastFixAt = state?.stats?.lastFixAt;
    if (!state || state.finished || lastFixAt === undefined || now - lastFixAt > RECENT_FIX_MS) return [];
    return [{ activityId: run.activityId, runnerName: run.runnerName, runnerUsername: run.runnerUsername, ownerId: run.ownerId, lastFixAt }];
  });
}
