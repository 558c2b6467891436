/**
 * The phone's side of live runs, fed by the points uploads' answers (no second connection): whether someone
 * follows (the recorder then uploads sooner, cadence.ts), and the cheers friends sent. A cheer is announced
 * once per id (an answer repeats a cheer until an upload acknowledges it), and acknowledged with the next
 * upload. Whichever tab or worker uploads shares what it hears on a BroadcastChannel, so the run screen hears
 * cheers that another tab's upload brought. No DOM: the service worker's uploads use it too.
 */
import type { Cheer, LiveAnswer } from "@/domain/live/cheers";

/** An answer saying someone follows keeps the short cadence this long (a few uploads' worth). */
export const FOLLOWED_FOR_MS = 45_000;
/** Ids remembered per tab, so a repeat is not announced twice; far more than a run's pending bound. */
const MAX_REMEMBERED = 500;
const CHANNEL = "runcoach-live";

type CheerListener = (activityId: string, cheer: Cheer) => void;

interface Message {
  activityId: string;
  followedUntil: number;
  cheers: Cheer[];
}

const state = {
  followedUntil: 0,
  announced: new Set<string>(),
  toAcknowledge: new Map<string, Set<string>>(),
  listeners: new Set<CheerListener>(),
  channel: null as BroadcastChannel | null,
};

function channel(): BroadcastChannel | null {
  if (state.channel || typeof BroadcastChannel === "undefined") return state.channel;
  state.channel = new BroadcastChannel(CHANNEL);
  state.channel.onmessage = (event: MessageEvent<Message>) => take(event.data, false);
  return state.channel;
}

function take(message: Message, fromHere: boolean) {
  state.followedUntil = Math.max(state.followedUntil, message.followedUntil);
  for (const cheer of message.cheers) {
    if (fromHere) {
      const acks = state.toAcknowledge.get(message.activityId) ?? new Set<string>();
      acks.add(cheer.id);
      state.toAcknowledge.set(message.activityId, acks);
    }
    if (state.announced.has(cheer.id)) continue;
    state.announced.add(cheer.id);
    if (state.announced.size > MAX_REMEMBERED) state.announced.delete(state.announced.values().next().value!);
    for (const listener of state.listeners) listener(message.activityId, cheer);
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

/** Calls `listener` with each new cheer, in this tab, until the returned function is called. */
export function onCheer(listener: CheerListener): () => void {
  channel();
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

/** For tests: forget everything. */
export function resetLiveInbox(): void {
  state.followedUntil = 0;
  state.announced.clear();
  state.toAcknowledge.clear();
  state.listeners.clear();
}
