/**
 * One follower's Server-Sent Events stream of a live run. It opens with a snapshot (or, for a browser that
 * reconnects with Last-Event-ID, just the events after that id while the run's stream still holds them), then
 * sends each new event as the hub hears it; a gap in the numbering is filled from the stream. Bounded: the
 * connection ends after its lifetime (the browser reconnects and resumes), and a follower whose unread bytes
 * pass `MAX_QUEUED_BYTES` is dropped rather than buffered (it resumes the same way). Access is checked again
 * while it is open (access-watch.ts): once the follower may no longer follow, it gets `gone` and the stream
 * ends (a reconnect would get the 404 anyway; `gone` tells the page so without one).
 */
import { randomUUID } from "node:crypto";
import type { Followers } from "./followers";
import { watchFollowAccess } from "./access-watch";
import { ACCESS_CHECK_MS, followerTooSlow, HEARTBEAT_MS, RECONNECT_MS, sseMessage } from "./live-bounds";
import type { LiveHub } from "./live-hub";
import { getLiveMetrics, type StreamEnd } from "./live-metrics";
import type { LiveEvent, LiveSnapshot, LiveStore } from "./live-store";

export interface FollowStreamDeps {
  store: LiveStore;
  hub: LiveHub;
  followers: Followers;
  maxFollowers: number;
  lifetimeMs: number;
  /** Whether the viewer may (still) follow the run: followableRun, asked again while the stream is open. */
  mayFollow(viewerId: string, activityId: string): Promise<boolean>;
  /** How often access is checked again without a notice (ACCESS_CHECK_MS; shorter in tests). */
  accessCheckMs?: number;
}

export interface FollowRequest {
  activityId: string;
  /** Who follows and whose run it is: a notice naming either makes the stream check access again. */
  viewerId: string;
  ownerId: string;
  lastEventId: number | null;
  /** Whether PostgreSQL says the run finished (no Redis state needed to say so). */
  finished: boolean;
  signal: AbortSignal;
}

/** null when the run already has as many followers as it may. */
export async function openFollowStream(deps: FollowStreamDeps, request: FollowRequest): Promise<ReadableStream<Uint8Array> | null> {
  const { activityId } = request;
  const connectionId = randomUUID();
  if (!(await deps.followers.join(activityId, connectionId, Date.now() + deps.lifetimeMs + 30_000, deps.maxFollowers))) return null;

  const encoder = new TextEncoder();
  let lastSent = -1;
  let ready = false;
  let closed = false;
  let catchingUp: Promise<void> | null = null;
  let stopListening: (() => void) | null = null;
  let stopWatching: (() => void) | null = null;
  const timers: NodeJS.Timeout[] = [];
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | null = null;

  const metrics = getLiveMetrics();
  metrics?.followers.inc();

  function close(reason: StreamEnd) {
    if (closed) return;
    closed = true;
    metrics?.followers.dec();
    metrics?.streamsEnded.inc({ reason });
    for (const timer of timers) clearTimeout(timer);
    stopListening?.();
    stopWatching?.();
    void deps.followers.leave(activityId, connectionId).catch(() => undefined);
    try {
      controllerRef?.close();
    } catch {
      // already closed by the reader going away
    }
  }

  function write(chunk: string) {
    const controller = controllerRef;
    if (closed || !controller) return;
    controller.enqueue(encoder.encode(chunk));
    // desiredSize = highWaterMark − queued bytes: a follower not reading makes it sink; drop it, it resumes.
    if (followerTooSlow(-(controller.desiredSize ?? 0))) close("slow");
  }

  function sendSnapshot(snapshot: LiveSnapshot) {
    lastSent = snapshot.seq;
    write(sseMessage("snapshot", snapshot.seq, snapshot));
    if (snapshot.finished) close("finished");
  }

  function sendEvent(event: LiveEvent) {
    lastSent = event.seq;
    write(sseMessage(event.type, event.seq, event));
    if (event.type === "finished") close("finished");
  }

  /** Brings the follower up to date from Redis: the events after `lastSent`, or a snapshot when they are gone. */
  async function catchUp(from: number | null) {
    const events = from === null ? null : await deps.store.eventsAfter(activityId, from);
    if (events === null) {
      const snapshot = (await deps.store.snapshot(activityId)) ?? { seq: 0, route: [], stats: null, finished: request.finished };
      sendSnapshot(snapshot.finished || !request.finished ? snapshot : { ...snapshot, finished: true });
    } else {
      if (from !== null) lastSent = from;
      for (const event of events) if (!closed) sendEvent(event);
    }
  }

  function onEvent(event: LiveEvent) {
    if (!ready || closed || event.seq <= lastSent) return;
    if (event.seq === lastSent + 1 && !catchingUp) sendEvent(event);
    else catchingUp ??= catchUp(lastSent).catch(() => close("error")).finally(() => (catchingUp = null));
  }

  return new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        controllerRef = controller;
        request.signal.addEventListener("abort", () => close("left"), { once: true });
        write(`retry: ${RECONNECT_MS}\n\n`);
        try {
          const watched = { activityId, viewerId: request.viewerId, ownerId: request.ownerId };
          const access = { hub: deps.hub, mayFollow: deps.mayFollow, intervalMs: deps.accessCheckMs ?? ACCESS_CHECK_MS };
          stopWatching = await watchFollowAccess(access, watched, () => {
            write(sseMessage("gone", null, {}));
            close("gone");
          });
          if (closed) return stopWatching();
          // Listen first, then read: an event published in between arrives by both ways and is sent once.
          stopListening = await deps.hub.listen(activityId, onEvent);
          if (closed) return stopListening();
          await catchUp(request.lastEventId);
          ready = true;
          if (!closed) await catchUp(lastSent);
        } catch {
          close("error");
          return;
        }
        if (closed) return; // finished, gone or dropped already: no timers to leave behind
        timers.push(setTimeout(() => close("lifetime"), deps.lifetimeMs));
        const beat = () => {
          write(": keep-alive\n\n");
          if (!closed) timers.push(setTimeout(beat, HEARTBEAT_MS));
        };
        timers.push(setTimeout(beat, HEARTBEAT_MS));
      },
      cancel: () => close("left"),
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 16 * 1024 }),
  );
}
