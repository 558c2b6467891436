/**
 * Runs the coach for one run on the page's two `<audio>` elements (in the tab that leads the run), and gives
 * the screen the run's clock: every ~250 ms and on each whole second of running, and at once when the page
 * becomes visible again, it derives the active and elapsed seconds from the stored events and `Date.now()`,
 * lets the player speak what is due, and re-renders only when a displayed second changed. Friends' cheers are
 * said by the same player (`sayCheer`), through the page's speech synthesis. Mount once per run (key by activity id).
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { Locale } from "@/domain/coaching/step-types";
import type { RunState } from "@/domain/run/events";
import { activeSecondsAt, CUE_LATENESS_TOLERANCE_SECONDS, type RunTiming } from "@/domain/run/run-clock";
import type { LocalRun } from "@/app/_lib/run";
import { CoachPlayer } from "./coach-player";
import { recordCoachLog } from "./coach-log";
import { loadHandledUpTo, saveHandledUpTo } from "./handled-cues";
import { browserSpeech } from "./speech-output";

/** The longest wait between two looks at the clock. */
const TICK_MS = 250;
/** Past the second, so the tick surely sees it reached (timers and clocks differ by a fraction of a ms). */
const SECOND_MARGIN_MS = 2;

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

function settingsOf({ musicOn, musicVolume, voiceVolume }: LocalRun) {
  return { musicOn, musicVolume, voiceVolume };
}

function clockAt(state: RunState, now: number): RunClock {
  const end = state.finishedAt ?? now;
  return {
    activeSeconds: Math.floor(activeSecondsAt(timingOf(state), now)),
    elapsedSeconds: Math.max(0, Math.floor((end - state.startedAt) / 1000)),
  };
}

/**
 * How long until the next look at the clock: at most TICK_MS, and while running, no later than the next
 * whole second of active time. Cues fall on whole seconds, so they are spoken within a few ms of their
 * moment rather than up to a tick late, and the countdown turns over on the second.
 */
function nextTickDelay(state: RunState, now: number): number {
  if (state.status !== "active") return TICK_MS;
  const active = activeSecondsAt(timingOf(state), now);
  const toNextSecond = (Math.floor(active) + 1 - active) * 1000;
  return Math.min(TICK_MS, Math.ceil(toNextSecond) + SECOND_MARGIN_MS);
}

/** A player for the run as it is now, resuming from the cues this tab already handled. */
function createPlayer(
  run: LocalRun,
  state: RunState,
  media: RunMedia,
  locale: Locale,
  voice: HTMLAudioElement,
  music: HTMLAudioElement,
  callbacks: { onCourseEnd: (endedAt: number) => void; onBlockedChange: (blocked: boolean) => void },
): CoachPlayer {
  const { activityId } = run;
  const created = new CoachPlayer({
    steps: run.steps,
    voiceUrls: media.cues,
    musicUrls: media.music,
    voice,
    music,
    speech: browserSpeech(),
    speechLang: locale === "ko" ? "ko-KR" : "en-US",
    // Without a stored mark (a new run, or a tab opened on a run in progress) cues still within their
    // lateness tolerance are spoken, as they would have been by a tick: the opening cue of a new run too.
    handledUpTo: loadHandledUpTo(activityId) ?? activeSecondsAt(timingOf(state), Date.now()) - CUE_LATENESS_TOLERANCE_SECONDS,
    onCue: recordCoachLog,
    onHandled: (handledUpTo) => saveHandledUpTo(activityId, handledUpTo),
    ...callbacks,
  });
  created.update({ timing: timingOf(state), status: state.status }, settingsOf(run));
  return created;
}

export interface CoachPlayerHook {
  clock: RunClock;
  /** The browser refused to play sound without a tap (e.g. after a reload). */
  soundBlocked: boolean;
  /** Call from a click: lets the sound play again. */
  unlockSound: () => void;
  /** Says a friend's cheer under the coach (nothing in a tab that does not coach); `onSpoken` gets when it began. */
  sayCheer: (text: string, onSpoken: (at: number) => void) => void;
}

export function useCoachPlayer(options: {
  run: LocalRun;
  state: RunState;
  media: RunMedia;
  /** The page's language, which the cheers are written in. */
  locale: Locale;
  voice: RefObject<HTMLAudioElement | null>;
  music: RefObject<HTMLAudioElement | null>;
  /** Only the tab that leads the run coaches; the others keep the clock only. */
  coaching: boolean;
  onCourseEnd: (endedAt: number) => void;
}): CoachPlayerHook {
  const { run, state, media, locale, voice, music, coaching, onCourseEnd } = options;
  const player = useRef<CoachPlayer | null>(null);
  const tickNow = useRef<() => void>(() => undefined);
  // What the long-lived player and timer read without being re-created when the stored run changes.
  const latest = useRef({ state, onCourseEnd, run });
  const [clock, setClock] = useState<RunClock>(() => clockAt(state, Date.now()));
  const [soundBlocked, setSoundBlocked] = useState(false);
  const { activityId } = run;

  useEffect(() => {
    latest.current = { state, onCourseEnd, run };
  });

  useEffect(() => {
    const startState = latest.current.state;
    const created =
      coaching && voice.current && music.current
        ? createPlayer(latest.current.run, startState, media, locale, voice.current, music.current, {
            onCourseEnd: (endedAt) => latest.current.onCourseEnd(endedAt),
            onBlockedChange: setSoundBlocked,
          })
        : null;
    player.current = created;

    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      clearTimeout(timer);
      created?.tick();
      const now = Date.now();
      const next = clockAt(latest.current.state, now);
      setClock((previous) =>
        previous.activeSeconds === next.activeSeconds && previous.elapsedSeconds === next.elapsedSeconds ? previous : next,
      );
      timer = setTimeout(tick, nextTickDelay(latest.current.state, now));
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") tick();
    };
    tickNow.current = tick;
    tick();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
      created?.dispose();
      player.current = null;
      tickNow.current = () => undefined;
    };
  }, [activityId, media, locale, voice, music, coaching]);

  const { musicOn, musicVolume, voiceVolume } = run;
  useEffect(() => {
    player.current?.update({ timing: timingOf(state), status: state.status }, { musicOn, musicVolume, voiceVolume });
    tickNow.current(); // A resume re-aligns the ticks to the run's seconds at once.
  }, [state, musicOn, musicVolume, voiceVolume]);

  const sayCheer = useCallback((text: string, onSpoken: (at: number) => void) => player.current?.cheer(text, onSpoken), []);

  return { clock, soundBlocked, unlockSound: () => player.current?.unlock(), sayCheer };
}
