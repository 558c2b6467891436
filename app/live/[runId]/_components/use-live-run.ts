"use client";
/**
 * A live run as the follower's page holds it: an EventSource on /api/live/<runId>/events (which reconnects by
 * itself, sending Last-Event-ID, so the server sends only what was missed), folded with the same merge the
 * server uses. An event that does not follow the last one exactly (a gap) closes the source and opens a fresh
 * one, which starts with a snapshot.
 */
import { useEffect, useState } from "react";
import type { RoutePoint } from "@/domain/geo/trim-route";
import { applyUpdate, type LiveSnapshot, type LiveStats, type LiveUpdate } from "@/domain/live/live-route";

export interface LiveView {
  route: RoutePoint[][];
  stats: LiveStats | null;
  seq: number;
  finished: boolean;
  connected: boolean;
}

export function useLiveRun(runId: string, initiallyFinished: boolean): LiveView {
  const [view, setView] = useState<LiveView>({ route: [], stats: null, seq: -1, finished: initiallyFinished, connected: false });

  useEffect(() => {
    if (initiallyFinished) return;
    let source: EventSource | null = null;
    let closed = false;
    const open = () => {
      source = new EventSource(`/api/live/${runId}/events`);
      source.onopen = () => setView((v) => ({ ...v, connected: true }));
      source.onerror = () => setView((v) => ({ ...v, connected: false }));
      source.addEventListener("snapshot", (event) => {
        const data = JSON.parse((event as MessageEvent<string>).data) as LiveSnapshot;
        setView({ route: data.route, stats: data.stats, seq: data.seq, finished: data.finished, connected: true });
        if (data.finished) source?.close();
      });
      source.addEventListener("update", (event) => {
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
      source.addEventListener("finished", (event) => {
        const data = JSON.parse((event as MessageEvent<string>).data) as { seq: number };
        setView((v) => ({ ...v, seq: data.seq, finished: true }));
        source?.close();
      });
    };
    // A fresh source sends no Last-Event-ID: the server answers with a snapshot.
    const restart = () => {
      if (closed) return;
      source?.close();
      open();
    };
    open();
    return () => {
      closed = true;
      source?.close();
    };
  }, [runId, initiallyFinished]);

  return view;
}
