"use client";
/**
 * A live run as the follower's page holds it: an EventSource on /api/live/<runId>/events (which reconnects by
 * itself, sending Last-Event-ID, so the server sends only what was missed), folded with the same merge the
 * server uses. An event that does not follow the last one exactly (a gap) closes the source and opens a fresh
 * one, which starts with a snapshot.
 *
 * When the follower may no longer follow (unfriended, the run no longer shared), the server says `gone` and
 * ends the stream; the page closes and says so. A browser that missed it reconnects and gets a 404, on which
 * EventSource gives up without saying why (as it does for any refusal, a 503 or a proxy's 502 too): the hook
 * asks the endpoint itself, and only a 404 means gone; anything else is tried again shortly.
 */
import { useEffect, useState } from "react";
import type { RoutePoint } from "@/domain/geo/trim-route";
import { applyUpdate, type LiveSnapshot, type LiveStats, type LiveUpdate } from "@/domain/live/live-route";

/** How long to wait before opening a source again after the server refused one for another reason than 404. */
const REFUSED_RETRY_MS = 10_000;

export interface LiveView {
  route: RoutePoint[][];
  stats: LiveStats | null;
  seq: number;
  finished: boolean;
  connected: boolean;
  /** The follower may no longer follow: the source is closed for good. */
  gone: boolean;
}

export function useLiveRun(runId: string, initiallyFinished: boolean): LiveView {
  const [view, setView] = useState<LiveView>({ route: [], stats: null, seq: -1, finished: initiallyFinished, connected: false, gone: false });

  useEffect(() => {
    if (initiallyFinished) return;
    let source: EventSource | null = null;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const url = `/api/live/${runId}/events`;
    const gone = () => {
      source?.close();
      // What was shown goes too: the runner took it back.
      setView((v) => ({ ...v, route: [], stats: null, connected: false, gone: true }));
    };
    /** After EventSource gave up on a refusal: a 404 is the server saying this viewer may not follow. */
    const askWhy = async () => {
      const controller = new AbortController();
      const status = await fetch(url, { signal: controller.signal, cache: "no-store" }).then(
        (response) => response.status,
        () => null,
      );
      controller.abort(); // a 200 opened a stream of its own: not needed, a new source follows
      if (closed) return;
      if (status === 404) gone();
      else retry = setTimeout(restart, REFUSED_RETRY_MS);
    };
    const open = () => {
      const current = new EventSource(url);
      source = current;
      current.onopen = () => setView((v) => ({ ...v, connected: true }));
      current.onerror = () => {
        setView((v) => ({ ...v, connected: false }));
        if (current.readyState === EventSource.CLOSED && source === current) void askWhy();
      };
      current.addEventListener("gone", gone);
      current.addEventListener("snapshot", (event) => {
        const data = JSON.parse((event as MessageEvent<string>).data) as LiveSnapshot;
        setView({ route: data.route, stats: data.stats, seq: data.seq, finished: data.finished, connected: true, gone: false });
        if (data.finished) current.close();
      });
      current.addEventListener("update", (event) => {
        const data = JSON.parse((event as MessageEvent<string>).data) as LiveUpdate;
        setView((v) => {
          if (data.seq <= v.seq) return v;
          if (data.seq !== v.seq + 1) {
            queueMicrotask(restart);
            return v;
          }
          const route = applyUpdate(v.route, data);
          return { ...v, route, stats: data.stats, seq: data.seq, connected: true };
        });
      });
      current.addEventListener("finished", (event) => {
        const data = JSON.parse((event as MessageEvent<string>).data) as { seq: number };
        setView((v) => ({ ...v, seq: data.seq, finished: true }));
        current.close();
      });
    };
    // A fresh source sends no Last-Event-ID: the server answers with a snapshot.
    const restart = () => {
      if (closed) return;
      clearTimeout(retry);
      source?.close();
      open();
    };
    open();
    return () => {
      closed = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [runId, initiallyFinished]);

  return view;
}
