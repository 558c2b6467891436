"use client";
/**
 * Friends' cheers during a run, brought by the uploads' answers (app/_lib/live/live-inbox.ts): shown for a few
 * seconds and said as a voice cue under the coach — spoken (speech synthesis, in the run's language) only while
 * the coach's own voice is silent, and cut short if the coach starts, so no coach cue is ever interrupted or
 * delayed. Also sends the live choice made on the start panel once the run exists. Every cheer is logged on
 * `window.__runcoachCheerLog` for the e2e tests.
 */
import { useEffect, useRef, useState } from "react";
import type { Locale } from "@/domain/coaching/step-types";
import type { Cheer } from "@/domain/live/cheers";
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

const coachSpeaking = () => {
  const voice = document.querySelector<HTMLAudioElement>('[data-testid="coach-voice"]');
  return !!voice && !voice.paused && !voice.ended;
};

export function CheerBanner({ activityId, labels, locale }: { activityId: string; labels: RunLabels; locale: Locale }) {
  const [shown, setShown] = useState<{ cheer: Cheer; text: string } | null>(null);
  const queue = useRef<CheerLogEntry[]>([]);

  useEffect(() => sendPendingLiveChoice(activityId), [activityId]);

  useEffect(() => {
    let hide: ReturnType<typeof setTimeout> | undefined;
    const stop = onCheer(activityId, (cheer) => {
      const text = `${labels.cheering.replace("{name}", cheer.fromName)} ${labels.cheerWords[cheer.kind]}`;
      const entry: CheerLogEntry = { id: cheer.id, text, shownAt: Date.now(), spokenAt: null };
      (window.__runcoachCheerLog ??= []).push(entry);
      queue.current.push(entry);
      setShown({ cheer, text });
      clearTimeout(hide);
      hide = setTimeout(() => setShown(null), SHOWN_MS);
    });
    // Speak waiting cheers when the coach is quiet; the coach starting cuts a cheer short, never the other way.
    const speaker = setInterval(() => {
      const synth = typeof speechSynthesis === "undefined" ? null : speechSynthesis;
      if (coachSpeaking()) {
        if (synth?.speaking) synth.cancel();
        return;
      }
      const next = queue.current.shift();
      if (!next) return;
      next.spokenAt = Date.now();
      if (!synth) return;
      const utterance = new SpeechSynthesisUtterance(next.text);
      utterance.lang = locale === "ko" ? "ko-KR" : "en-US";
      utterance.volume = 0.8;
      synth.speak(utterance);
    }, 500);
    return () => {
      stop();
      clearInterval(speaker);
      clearTimeout(hide);
    };
  }, [activityId, labels, locale]);

  if (!shown) return null;
  return (
    <p className="cheer-banner" role="status" aria-live="polite" data-testid="cheer-banner">
      {shown.text}
    </p>
  );
}
