/**
 * This app server's side of the fan-out: ONE Redis subscriber connection for all its followers, subscribed to
 * the channels of the runs someone here follows (reference-counted), handing each message to the local
 * listeners. So 1,000 followers on a server cost one connection and one copy of each event from Redis, not a
 * thousand blocking XREADs. A message missed while reconnecting is not lost: listeners number events and
 * fetch a gap from the run's stream.
 *
 * The same connection hears the deployment's access notices (access-notice.ts), subscribed once with the
 * first stream that watches and kept: each notice goes to the watchers of the users it names.
 */
import { Redis } from "ioredis";
import { parseAccessNotice } from "./access-notice";
import type { LiveKeys } from "./live-keys";
import type { LiveEvent } from "./live-store";

export type LiveListener = (event: LiveEvent) => void;

export interface LiveHub {
  /** Calls `listener` with every event published for the run until the returned function is called. */
  listen(activityId: string, listener: LiveListener): Promise<() => void>;
  /**
   * Calls `watcher` for every access notice naming one of `userIds`, until the returned function is called.
   * Resolves once this server is subscribed to the notices.
   */
  watchAccess(userIds: readonly string[], watcher: () => void): Promise<() => void>;
  close(): void;
}

export function createLiveHub(redisUrl: string, keys: LiveKeys): LiveHub {
  const listeners = new Map<string, Set<LiveListener>>(); // channel → listeners
  const watchers = new Map<string, Set<() => void>>(); // user id → access watchers
  const accessChannel = keys.accessChanges();
  let accessSubscribed: Promise<unknown> | null = null;
  // Made on the first follower, so a process that never serves one (the upload API) holds no subscriber.
  let subscriber: Redis | null = null;

  function onAccessNotice(payload: string) {
    const named = new Set<() => void>();
    for (const userId of parseAccessNotice(payload) ?? []) for (const watcher of watchers.get(userId) ?? []) named.add(watcher);
    for (const watcher of named) watcher();
  }

  function connect(): Redis {
    if (subscriber) return subscriber;
    subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
    subscriber.on("error", () => undefined); // ioredis reconnects and resubscribes by itself
    subscriber.on("message", (channel: string, payload: string) => {
      if (channel === accessChannel) return onAccessNotice(payload);
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

    async watchAccess(userIds, watcher) {
      const ids = [...new Set(userIds)];
      const unwatch = () => {
        for (const id of ids) {
          const set = watchers.get(id);
          set?.delete(watcher);
          if (set?.size === 0) watchers.delete(id);
        }
      };
      for (const id of ids) watchers.set(id, (watchers.get(id) ?? new Set()).add(watcher));
      // One channel for the whole server, so it stays subscribed (every watcher awaits the same subscription).
      accessSubscribed ??= connect()
        .subscribe(accessChannel)
        .catch((error: unknown) => {
          accessSubscribed = null; // the next stream tries again
          throw error;
        });
      try {
        await accessSubscribed;
      } catch (error) {
        unwatch();
        throw error;
      }
      return unwatch;
    },

    close: () => subscriber?.disconnect(),
  };
}
