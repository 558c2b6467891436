/**
 * Runs the coach for one run on the page's two `<audio>` elements, and gives the screen the run's clock:
 * every ~250 ms, and at once when the page becomes visible again, it derives the active and elapsed seconds
 * from the stored events and `Date.now()`, lets the player speak what is due, and re-renders only when a
 * displayed second changed. Mount once per run (key by activity id).
 */
import { useEffect, useRef, useState, type RefObject } from "react";
import type { RunState } from "@/domain/run/events";
import { activeSecondsAt, CUE_LATENESS_TOLERANCE_SECONDS, type RunTiming } from "@/domain/run/run-clock";
import type { LocalRun } from "@/app/_lib/run";
import { CoachPlayer } from "./coach-player";
import { recordCoachLog } from "./coach-log";
import { loadHandledUpTo, saveHandledUpTo } from "./handled-cues";

const TICK_MS = 250;

export interface RunMedia {
  /** Cue key → voice file URL. */
  cues: Record<string, string>;
  /** Music tracks, played in turn. */
  music: string[];
}

export interface RunClock {
  /** Whole seconds of active (unpaused) running. */
  activeSeconds: number;
  /** Whole seconds since the start, pauses included (frozen at the finish). */
  elapsedSeconds: number;
}

function timingOf(state: RunState): RunTiming {
  return { startedAt: state.startedAt, pauses: state.pauses, finishedAt: state.finishedAt };
}

function clockAt(state: RunState, now: number): RunClock {
  const end = state.finishedAt ?? now;
  return {
    activeSeconds: Math.floor(activeSecondsAt(timingOf(state), now)),
    elapsedSeconds: Math.max(0, Math.floor((end - state.startedAt) / 1000)),
  };
}

export interface CoachPlayerHook {
  clock: RunClock;
  /** The browser refused to play sound without a tap (e.g. after a reload). */
  soundBlocked: boolean;
  /** Call from a click: lets the sound play again. */
  unlockSound: () => void;
}

export function useCoachPlayer(options: {
  run: LocalRun;
  state: RunState;
  media: RunMedia;
  voice: RefObject<HTMLAudioElement | null>;
  music: RefObject<HTMLAudioElement | null>;
  onCourseEnd: (endedAt: number) => void;
}): CoachPlayerHook {
  const { run, state, media, voice, music, onCourseEnd } = options;
  const player = useRef<CoachPlayer | null>(null);
  // What the long-lived player and timer read without being re-created when the stored run changes.
  const latest = useRef({ state, onCourseEnd, steps: run.steps });
  const [clock, setClock] = useState<RunClock>(() => clockAt(state, Date.now()));
  const [soundBlocked, setSoundBlocked] = useState(false);
  const { activityId } = run;

  useEffect(() => {
    latest.current = { state, onCourseEnd, steps: run.steps };
  });

  useEffect(() => {
    if (!voice.current || !music.current) return;
    const startState = latest.current.state;
    const created = new CoachPlayer({
      steps: latest.current.steps,
      voiceUrls: media.cues,
      musicUrls: media.music,
      voice: voice.current,
      music: music.current,
      // Without a stored mark (a new run, or a tab opened on a run in progress) cues still within their
      // lateness tolerance are spoken, as they would have been by a tick: the opening cue of a new run too.
      handledUpTo:
        loadHandledUpTo(activityId) ?? activeSecondsAt(timingOf(startState), Date.now()) - CUE_LATENESS_TOLERANCE_SECONDS,
      onCue: recordCoachLog,
      onHandled: (handledUpTo) => saveHandledUpTo(activityId, handledUpTo),
      onCourseEnd: (endedAt) => latest.current.onCourseEnd(endedAt),
      onBlockedChange: setSoundBlocked,
    });
    player.current = created;

    const tick = () => {
      created.tick();
      const next = clockAt(latest.current.state, Date.now());
      setClock((previous) =>
        previous.activeSeconds === next.activeSeconds && previous.elapsedSeconds === next.elapsedSeconds ? previous : next,
      );
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") tick();
    };
    const timer = setInterval(tick, TICK_MS);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
      created.dispose();
      player.current = null;
    };
  }, [activityId, media, voice, music]);

  const { musicOn, musicVolume, voiceVolume } = run;
  useEffect(() => {
    const current = player.current;
    if (!current) return;
    current.update({ timing: timingOf(state), status: state.status }, { musicOn, musicVolume, voiceVolume });
    current.tick();
  }, [state, musicOn, musicVolume, voiceVolume]);

  return { clock, soundBlocked, unlockSound: () => player.current?.unlock() };
}
