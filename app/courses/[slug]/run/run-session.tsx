/**
 * One run, from the first second to its summary: the coach, GPS, screen wake lock, lock-screen controls and
 * the update guard live here, so they keep going while the view switches from running to finished. Of
 * several tabs showing the run, only the one leading it coaches, records GPS and takes friends' cheers (shown,
 * and said by the coach). Every lifecycle change is
 * recorded with `recordRunEvent` (IndexedDB + outbox) and shown from the stored run.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
import type { Locale } from "@/domain/coaching/step-types";
import { setRunInProgress } from "@/app/_components/pwa/run-guard";
import type { OutboxStatus } from "@/app/_lib/outbox/status";
import {
  IllegalRunTransitionError,
  loadRun,
  recordRunEvent,
  runState,
  updateRunSettings,
  type LocalRun,
  type RunEventInput,
  type RunSettings,
} from "@/app/_lib/run";
import { useCoachPlayer, type RunMedia } from "./_lib/use-coach-player";
import { useGpsRecorder } from "./_lib/use-gps-recorder";
import { useMediaSession } from "./_lib/use-media-session";
import { useTabLead } from "./_lib/use-tab-lead";
import { useWakeLock } from "./_lib/use-wake-lock";
import { CheerBanner } from "./cheer-banner";
import type { RunLabels, RunScreenLabels, StepNames } from "./run-screen";
import { RunSummary } from "./run-summary";
import { RunningView } from "./running-view";

export function RunSession(props: {
  run: LocalRun;
  media: RunMedia;
  locale: Locale;
  labels: RunLabels;
  screenLabels: RunScreenLabels;
  stepNames: StepNames;
  outbox: OutboxStatus;
  voice: RefObject<HTMLAudioElement | null>;
  music: RefObject<HTMLAudioElement | null>;
  onChange: (run: LocalRun | null) => void;
}) {
  const { run, media, locale, labels, screenLabels, stepNames, outbox, voice, music, onChange } = props;
  const state = useMemo(() => runState(run), [run]);
  const finished = state.status === "completed" || state.status === "stopped";
  const lead = useTabLead(`runcoach-run-${run.activityId}`);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const [error, setError] = useState<string | null>(null);

  /**
   * Records one event after the ones before it: a double tap is refused by the stored state (and the screen
   * shows what is stored), and a finish that falls due during a pause tap is recorded after it, not lost.
   */
  function record(input: RunEventInput, at?: number): Promise<void> {
    const step = async () => {
      try {
        onChange(await recordRunEvent(run.activityId, input, at));
        setError(null);
      } catch (caught) {
        if (caught instanceof IllegalRunTransitionError) onChange(await loadRun(run.activityId).catch(() => run));
        else setError(caught instanceof Error ? caught.message : String(caught));
      }
    };
    queue.current = queue.current.then(step, step);
    return queue.current;
  }

  /**
   * Finishing: the stored fixes are packed into the outbox first, so the finish event is queued behind them
   * and the record the server computes at the finish has them — online or not, with no waiting on the
   * network. The finish keeps the moment it was asked for.
   */
  async function finish(status: "completed" | "stopped", at: number) {
    await gps.packPoints();
    await record({ type: "finish", status }, at);
  }

  async function changeSettings(settings: Partial<RunSettings>) {
    try {
      onChange(await updateRunSettings(run.activityId, settings));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }

  const { clock, soundBlocked, unlockSound, sayCheer } = useCoachPlayer({
    run,
    state,
    media,
    locale,
    voice,
    music,
    coaching: lead,
    onCourseEnd: (endedAt) => void finish("completed", endedAt),
  });
  const trackTiming = useMemo(() => ({ startedAt: state.startedAt, pauses: state.pauses }), [state.startedAt, state.pauses]);
  const gps = useGpsRecorder(run.activityId, lead && state.status === "active", trackTiming);
  const wakeLock = useWakeLock(!finished);
  useMediaSession({
    title: run.courseTitle,
    status: state.status,
    onPlay: () => state.status === "paused" && void record({ type: "resume" }),
    onPause: () => state.status === "active" && void record({ type: "pause" }),
  });

  useEffect(() => {
    setRunInProgress(!finished);
    return () => setRunInProgress(false);
  }, [finished]);

  const cheers = <CheerBanner activityId={run.activityId} labels={labels} lead={lead} say={sayCheer} />;
  if (finished) {
    return (
      <>
        {cheers}
        <RunSummary run={run} state={state} clock={clock} gps={gps} outbox={outbox} labels={labels} />
      </>
    );
  }
  return (
    <>
      {cheers}
      <RunningView
        run={run}
        state={state}
        clock={clock}
        gps={gps}
        outbox={outbox}
        wakeLock={wakeLock}
        soundBlocked={soundBlocked}
        inOtherTab={!lead}
        error={error}
        labels={labels}
        screenLabels={screenLabels}
        stepNames={stepNames}
        onPause={() => void record({ type: "pause" })}
        onResume={() => void record({ type: "resume" })}
        onStop={() => void finish("stopped", Date.now())}
        onUnlockSound={unlockSound}
        onSettings={(settings) => void changeSettings(settings)}
      />
    </>
  );
}
