/**
 * The screen while running, read at a glance with the phone in one hand outdoors: the current step and a
 * big countdown (it grows with the screen), what comes next, the whole course with a marker, elapsed time,
 * distance and pace, smaller the upload, screen and GPS state, and at the bottom, at thumb height, the
 * controls (every button at least 72 px; sound settings behind their own button). It fills the screen
 * without scrolling down to 360×640 (globals.css).
 */
import { formatClock, formatDistance } from "@/app/_lib/format";
import type { OutboxStatus } from "@/app/_lib/outbox/status";
import type { LocalRun, RunSettings } from "@/app/_lib/run";
import type { RunState } from "@/domain/run/events";
import { positionAt } from "@/domain/run/run-clock";
import { fill } from "./_lib/fill";
import { formatPace } from "@/app/_lib/format";
import type { RunClock } from "./_lib/use-coach-player";
import type { GpsRecording } from "./_lib/use-gps-recorder";
import type { WakeLockState } from "./_lib/use-wake-lock";
import { RunControls } from "./run-controls";
import { RunProgress } from "./run-progress";
import type { RunLabels, RunScreenLabels, StepNames } from "./run-screen";
import { RunStatusLines } from "./run-status-lines";
import { SoundSheet } from "./sound-sheet";

export function RunningView(props: {
  run: LocalRun;
  state: RunState;
  clock: RunClock;
  gps: GpsRecording;
  outbox: OutboxStatus;
  wakeLock: WakeLockState;
  soundBlocked: boolean;
  /** Another tab coaches and records this run; this one only shows it. */
  inOtherTab: boolean;
  /** A change that could not be stored on the device. */
  error: string | null;
  labels: RunLabels;
  screenLabels: RunScreenLabels;
  stepNames: StepNames;
  onPause: () => void;
  onResume: () => void;
  onStop: () => void;
  onUnlockSound: () => void;
  onSettings: (settings: Partial<RunSettings>) => void;
}) {
  const { run, state, clock, gps, labels, stepNames } = props;
  const { steps } = run;
  const position = positionAt(steps, clock.activeSeconds);
  const step = steps[Math.min(position.stepIndex, steps.length - 1)];
  const next = steps[position.stepIndex + 1];
  const paused = state.status === "paused";

  return (
    <section className={`run-live${paused ? " is-paused" : ""}`} aria-label={labels.progress}>
      <div className={`run-step run-step-${step?.type ?? "done"}`}>
        <p className="run-step-count">{fill(labels.stepOf, { n: Math.min(position.stepIndex + 1, steps.length), total: steps.length })}</p>
        <p className="run-step-name" data-testid="current-step">
          {step ? stepNames[step.type] : ""}
        </p>
        <p className="run-countdown">
          <span className="run-countdown-value" data-testid="step-time-left" role="timer" aria-label={labels.timeLeft}>
            {formatClock(position.secondsLeftInStep)}
          </span>
          <span className="run-countdown-label">{labels.timeLeft}</span>
        </p>
        <p className="run-next">
          {next ? `${labels.next}: ${stepNames[next.type]} ${formatClock(next.durationSeconds)}` : labels.nextFinish}
        </p>
        {paused && (
          <p className="run-paused-flag" role="status">
            {labels.paused}
          </p>
        )}
      </div>

      <RunProgress steps={steps} progress={position.progress} label={labels.progress} stepNames={stepNames} />

      <dl className="run-stats">
        <div>
          <dt>{labels.elapsed}</dt>
          <dd data-testid="elapsed">{formatClock(clock.elapsedSeconds)}</dd>
        </div>
        <div>
          <dt>{labels.distance}</dt>
          <dd data-testid="live-distance">{formatDistance(gps.distanceMeters)}</dd>
        </div>
        <div>
          <dt>{labels.pace}</dt>
          <dd>
            {formatPace(gps.paceSecondsPerKm)}
            {gps.paceSecondsPerKm !== null && <span className="run-unit"> {labels.paceUnit}</span>}
          </dd>
        </div>
      </dl>

      {props.inOtherTab && (
        <p className="notice" role="status">
          {labels.otherTab}
        </p>
      )}

      {props.error && (
        <p role="alert" className="error">
          {props.error}
        </p>
      )}

      {props.soundBlocked && (
        <div className="notice run-sound-blocked" role="alert">
          <p>{labels.soundBlocked}</p>
          <button type="button" className="button" onClick={props.onUnlockSound}>
            {labels.soundOn}
          </button>
        </div>
      )}

      <RunStatusLines gps={gps} outbox={props.outbox} wakeLock={props.wakeLock} labels={labels} />
      <RunControls
        paused={paused}
        labels={labels}
        sound={<SoundSheet run={run} labels={labels} screenLabels={props.screenLabels} onSettings={props.onSettings} />}
        onPause={props.onPause}
        onResume={props.onResume}
        onStop={props.onStop}
        onTap={props.soundBlocked ? props.onUnlockSound : undefined}
      />
    </section>
  );
}
