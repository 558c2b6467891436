/**
 * Live runs in Redis: one state key, one capped event stream and one wake-up channel per followed run.
 * Written by the live consumer (one writer per run: the member holding the run's partition), read by any
 * app server. The stream is what makes a reconnecting follower cheap: it reads the events after its last id
 * instead of the whole route; a follower too far behind (the stream is capped) gets a fresh snapshot.
 * Pub/sub only wakes servers up; a missed message is found in the stream by the next one's sequence number.
 */
import type { Redis } from "ioredis";
import type { LiveKeys } from "./live-keys";
import type { LiveSnapshot, LiveUpdate } from "@/domain/live/live-route";
import type { LiveRunState } from "./live-state";
export type { LiveSnapshot };

/** Events kept per run: ~15 min at a 3 s cadence, longer than a follower's connection lasts. */
export const STREAM_MAX_EVENTS = 300;
/** A run nobody updated for this long is gone from Redis (a phone that never finished). */
export const LIVE_TTL_SECONDS = 2 * 60 * 60;
/** After the finish the stream says "finished" for this long, then the run page is the only view. */
export const FINISHED_TTL_SECONDS = 30 * 60;

export interface StoredLiveState extends LiveRunState {
  finished: boolean;
}

export type LiveEvent = ({ type: "update" } & LiveUpdate) | { type: "finished"; seq: number };

export interface LiveStore {
  load(activityId: string): Promise<StoredLiveState | null>;
  /** Stores the new state, appends its event and wakes the servers with followers. */
  publish(activityId: string, state: StoredLiveState, event: LiveEvent): Promise<void>;
  snapshot(activityId: string): Promise<LiveSnapshot | null>;
  /** Events after `seq`, or null when the stream no longer holds the next one (send a snapshot instead). */
  eventsAfter(activityId: string, seq: number): Promise<LiveEvent[] | null>;
}

const streamId = (seq: number) => `${seq}-1`;

export function createLiveStore(redis: Redis, keys: LiveKeys): LiveStore {
  return {
    async load(activityId) {
      const raw = await redis.get(keys.state(activityId));
      return raw ? (JSON.parse(raw) as StoredLiveState) : null;
    },

    async publish(activityId, state, event) {
      const ttl = state.finished ? FINISHED_TTL_SECONDS : LIVE_TTL_SECONDS;
      const payload = JSON.stringify(event);
      const multi = redis.multi();
      // The finished state keeps no route: the stored record (with its home-privacy trimming) replaces it.
      multi.set(keys.state(activityId), JSON.stringify(state.finished ? { ...state, route: [], track: { ...state.track, tail: [] } } : state), "EX", ttl);
      if (state.finished) multi.del(keys.events(activityId)); // nothing of the route stays resumable
      multi.xadd(keys.events(activityId), "MAXLEN", "~", STREAM_MAX_EVENTS, streamId(event.seq), "e", payload);
      multi.expire(keys.events(activityId), ttl);
      multi.publish(keys.channel(activityId), payload);
      await multi.exec();
    },

    async snapshot(activityId) {
      const state = await this.load(activityId);
      if (!state) return null;
      return { seq: state.seq, route: state.route, stats: state.stats, finished: state.finished };
    },

    async eventsAfter(activityId, seq) {
      const entries = await redis.xrange(keys.events(activityId), `(${streamId(seq)}`, "+", "COUNT", STREAM_MAX_EVENTS);
      const events = entries.map(([, fields]) => JSON.parse(fields[1] ?? "null") as LiveEvent);
      // The next event must be there (or nothing newer happened yet), else the follower missed some: snapshot.
      if (events.length > 0 && events[0]!.seq !== seq + 1) return null;
      if (events.length === 0) {
        // Nothing after `seq`: right only if `seq` is the run's last event (an id from elsewhere gets a snapshot).
        const state = await this.load(activityId);
        if (state ? state.seq !== seq : seq !== 0) return null;
      }
      return events;
    },
  };
}
