/**
 * Lock-screen and headset controls for a run: the course title as the "track", and play/pause buttons
 * that resume and pause the run itself (not just the audio), so the run and what the phone shows agree.
 */
import { useEffect, useRef } from "react";
import type { RunStatus } from "@/domain/run/events";

export interface MediaSessionOptions {
  title: string;
  status: RunStatus;
  onPlay: () => void;
  onPause: () => void;
}

export function useMediaSession({ title, status, onPlay, onPause }: MediaSessionOptions): void {
  const handlers = useRef({ onPlay, onPause });
  useEffect(() => {
    handlers.current = { onPlay, onPause };
  });

  useEffect(() => {
    if (!("mediaSession" in navigator)) return;
    const session = navigator.mediaSession;
    session.metadata = new MediaMetadata({ title, artist: "RunCoach", album: "RunCoach" });
    session.setActionHandler("play", () => handlers.current.onPlay());
    session.setActionHandler("pause", () => handlers.current.onPause());
    return () => {
      session.setActionHandler("play", null);
      session.setActionHandler("pause", null);
      session.metadata = null;
    };
  }, [title]);

  useEffect(() => {
    if (!("mediaSession" in navigator)) return;
    navigator.mediaSession.playbackState = status === "active" ? "playing" : status === "paused" ? "paused" : "none";
  }, [status]);
}
