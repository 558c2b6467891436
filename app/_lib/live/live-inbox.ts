/**
 * The phone's side of live runs, fed by the points uploads' answers (no second connection): whether someone
 * follows (the recorder then uploads sooner, cadence.ts), and the cheers friends sent. Whichever tab or worker
 * uploads shares what it hears on a BroadcastChannel, so the run screen hears cheers that another tab's upload,
 * or the service worker's, brought. No DOM: the service worker's uploads use it too.
 *
 * An answer repeats a cheer until an upload acknowledges it. So every cheer an answer carries is acknowledged
 * with this context's next upload, whether it was announced before or not: the ids waiting to go up live in
 * memory and are lost with a reload, and the server's repeat after it is what puts them back. Announcing is
 * separate: a cheer is announced to the listeners of its run once per run on this device, across reloads and
 * tabs (heard-cheers.ts); a context with no listener for the run (the worker, another page) leaves it to one
 * that has.
 */
import type { Cheer, LiveAnswer } from "@/domain/live/cheers";
import { createHeardCheers, deviceStorage, type HeardCheers } from "./heard-cheers";

/** An answer saying someone follows keeps the short cadence this long (a few uploads' worth). */
export const FOLLOWED_FOR_MS = 45_000;
const CHANNEL = "runcoach-live";

type CheerListener = (cheer: Cheer) => void;

interface Message {
  activityId: string;
  followedUntil: number;
  cheers: Cheer[];
}

const state = {
  followedUntil: 0,
  toAcknowledge: new Map<string, Set<string>>(),
  listeners: new Map<string, Set<CheerListener>>(),
  channel: null as BroadcastChannel | null,
  heard: null as HeardCheers | null,
};

function channel(): BroadcastChannel | null {
  if (state.channel || typeof BroadcastChannel === "undefined") return state.channel;
  state.channel = new BroadcastChannel(CHANNEL);
  state.channel.onmessage = (event: MessageEvent<Message>) => take(event.data, false);
  return state.channel;
}

function heard(): HeardCheers {
  return (state.heard ??= createHeardCheers(deviceStorage()));
}

function take(message: Message, fromHere: boolean) {
  state.followedUntil = Math.max(state.followedUntil, message.followedUntil);
  const listeners = state.listeners.get(message.activityId);
  for (const cheer of message.cheers) {
    if (fromHere) {
      const acks = state.toAcknowledge.get(message.activityId) ?? new Set<string>();
      acks.add(cheer.id);
      state.toAcknowledge.set(message.activityId, acks);
    }
    if (!listeners?.size || !heard().claim(message.activityId, cheer.id)) continue;
    for (const listener of listeners) listener(cheer);
  }
}

/** What an upload's answer said about the run (nothing when it said nothing). */
export function receiveLiveAnswer(activityId: string, answer: LiveAnswer | undefined, now = Date.now()): void {
  if (!answer) return;
  const message: Message = { activityId, followedUntil: answer.followers > 0 ? now + FOLLOWED_FOR_MS : 0, cheers: answer.cheers };
  take(message, true);
  channel()?.postMessage(message);
}

/** The cheer ids to acknowledge with the run's next upload (given back with `restoreCheerAcks` if it fails). */
export function takeCheerAcks(activityId: string): string[] {
  const acks = state.toAcknowledge.get(activityId);
  state.toAcknowledge.delete(activityId);
  return acks ? [...acks].slice(0, 50) : [];
}

export function restoreCheerAcks(activityId: string, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const acks = state.toAcknowledge.get(activityId) ?? new Set<string>();
  for (const id of ids) acks.add(id);
  state.toAcknowledge.set(activityId, acks);
}

/** Whether a recent answer said someone follows one of this device's runs. */
export function isFollowed(now = Date.now()): boolean {
  return now < state.followedUntil;
}

/** Calls `listener` with each cheer for the run not yet announced on this device, until the returned function is called. */
export function onCheer(activityId: string, listener: CheerListener): () => void {
  channel();
  const listeners = state.listeners.get(activityId) ?? new Set<CheerListener>();
  listeners.add(listener);
  state.listeners.set(activityId, listeners);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && state.listeners.get(activityId) === listeners) state.listeners.delete(activityId);
  };
}

/** For tests: forget everything this context holds in memory (what localStorage holds stays, as on a reload). */
export function resetLiveInbox(): void {
  state.followedUntil = 0;
  state.toAcknowledge.clear();
  state.listeners.clear();
  state.channel?.close();
  state.channel = null;
  state.heard = null;
}
