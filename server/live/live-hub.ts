/**
 * This app server's side of the fan-out: ONE Redis subscriber connection for all its followers, subscribed to
 * the channels of the runs someone here follows (reference-counted), handing each message to the local
 * listeners. So 1,000 followers on a server cost one connection and one copy of each event from Redis, not a
 * thousand blocking XREADs. A message missed while reconnecting is not lost: listeners number events and
 * fetch a gap from the run's stream.
 */
import { Redis } from "ioredis";
import type { LiveKeys } from "./live-keys";
import type { LiveEvent } from "./live-store";

export type LiveListener = (event: LiveEvent) => void;

export interface LiveHub {
  /** Calls `listener` with every event published for the run until the returned function is called. */
  listen(activityId: string, listener: LiveListener): Promise<() => void>;
  close(): void;
}

export function createLiveHub(redisUrl: string, keys: LiveKeys): LiveHub {
  const listeners = new Map<string, Set<LiveListener>>(); // channel → listeners
  // Made on the first follower, so a process that never serves one (the upload API) holds no subscriber.
  let subscriber: Redis | null = null;
  function connect(): Redis {
    if (subscriber) return subscriber;
    subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
    subscriber.on("error", () => undefined); // ioredis reconnects and resubscribes by itself
    subscriber.on("message", (channel: string, payload: string) => {
      const set = listeners.get(channel);
      if (!set) return;
      let event: LiveEvent;
      try {
        event = JSON.parse(payload) as LiveEvent;
      } catch {
        return;
      }
      for (const listener of set) listener(event);
    });
    return subscriber;
  }

  return {
    async listen(activityId, listener) {
      const channel = keys.channel(activityId);
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await connect().subscribe(channel);
      }
      set.add(listener);
      return () => {
        const current = listeners.get(channel);
        if (!current) return;
        current.delete(listener);
        if (current.size === 0) {
          listeners.delete(channel);
          void subscriber?.unsubscribe(channel).catch(() => undefined);
        }
      };
    },
    close: () => subscriber?.disconnect(),
  };
}
