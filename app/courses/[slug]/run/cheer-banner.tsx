"use client";
/**
 * Friends' cheers during a run, brought by the uploads' answers (app/_lib/live/live-inbox.ts), in the tab that
 * leads the run (the one that coaches): each is shown for a few seconds and handed to the coach to say
 * (`say`: a voice cue under the coach's own, coach-player.ts — it ducks the music, waits while a cue plays and
 * is cut short when one starts). The inbox gives each cheer once per run on this device, so a reload or a
 * second tab does not show or say it again. Also sends the live choice made on the start panel once the run
 * exists. Every cheer shown is logged on `window.__runcoachCheerLog` for the e2e tests (`spokenAt`: when the
 * coach began saying it, null until then).
 */
import { useEffect, useState } from "react";
import { onCheer } from "@/app/_lib/live/live-inbox";
import { sendPendingLiveChoice } from "./_lib/live-choice";
import type { RunLabels } from "./run-screen";

const SHOWN_MS = 8_000;

interface CheerLogEntry {
  id: string;
  text: string;
  shownAt: number;
  spokenAt: number | null;
}

declare global {
  interface Window {
    __runcoachCheerLog?: CheerLogEntry[];
  }
}

export function CheerBanner(props: {
  activityId: string;
  labels: RunLabels;
  /** This tab leads the run: only then does it take cheers (another tab showing the run leaves them to it). */
  lead: boolean;
  /** Stable across renders. */
  say: (text: string, onSpoken: (at: number) => void) => void;
}) {
  const { activityId, labels, lead, say } = props;
  const [shown, setShown] = useState<string | null>(null);

  useEffect(() => sendPendingLiveChoice(activityId), [activityId]);

  useEffect(() => {
    if (!lead) return;
    let hide: ReturnType<typeof setTimeout> | undefined;
    const stop = onCheer(activityId, (cheer) => {
      const text = `${labels.cheering.replace("{name}", cheer.fromName)} ${labels.cheerWords[cheer.kind]}`;
      const entry: CheerLogEntry = { id: cheer.id, text, shownAt: Date.now(), spokenAt: null };
      (window.__runcoachCheerLog ??= []).push(entry);
      say(text, (at) => {
        entry.spokenAt = at;
      });
      setShown(text);
      clearTimeout(hide);
      hide = setTimeout(() => setShown(null), SHOWN_MS);
    });
    return () => {
      stop();
      clearTimeout(hide);
    };
  }, [activityId, labels, lead, say]);

  if (!shown) return null;
  return (
    <p className="cheer-banner" role="status" aria-live="polite" data-testid="cheer-banner">
      {shown}
    </p>
  );
}
