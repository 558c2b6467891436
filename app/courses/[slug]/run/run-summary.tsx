/**
 * The end of a run: how it ended, elapsed and active time, distance, and when it started and finished (the
 * times the device recorded, which the server ends up with too). Until the upload is done it says so, so
 * the runner knows the history page may not have it yet.
 */
import Link from "next/link";
import { formatClock, formatDistance } from "@/app/_lib/format";
import type { OutboxStatus } from "@/app/_lib/outbox/status";
import type { LocalRun } from "@/app/_lib/run";
import type { RunState } from "@/domain/run/events";
import type { RunClock } from "./_lib/use-coach-player";
import type { GpsRecording } from "./_lib/use-gps-recorder";
import type { RunLabels } from "./run-screen";
import { RunStatusLines } from "./run-status-lines";

const timeFormat = (locale: string) => new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", second: "2-digit" });

export function RunSummary(props: {
  run: LocalRun;
  state: RunState;
  clock: RunClock;
  gps: GpsRecording;
  outbox: OutboxStatus;
  labels: RunLabels;
}) {
  const { run, state, clock, gps, outbox, labels } = props;
  const completed = state.status === "completed";
  const format = timeFormat(run.locale);
  const finishedAt = state.finishedAt ?? state.startedAt;

  return (
    <section className="run-summary" aria-labelledby="run-summary-title" data-activity-id={run.activityId}>
      <h2 id="run-summary-title" className="run-summary-title">
        {completed ? `🏁 ${labels.completed}` : labels.stopped}
      </h2>
      <dl className="run-stats">
        <div>
          <dt>{labels.status}</dt>
          <dd data-testid="run-status">{completed ? labels.statusCompleted : labels.statusStopped}</dd>
        </div>
        <div>
          <dt>{labels.distance}</dt>
          <dd>{formatDistance(gps.distanceMeters)}</dd>
        </div>
        <div>
          <dt>{labels.activeTime}</dt>
          <dd>{formatClock(clock.activeSeconds)}</dd>
        </div>
        <div>
          <dt>{labels.elapsedTime}</dt>
          <dd>{formatClock(clock.elapsedSeconds)}</dd>
        </div>
        <div>
          <dt>{labels.startedAt}</dt>
          <dd className="run-stat-time">
            <time dateTime={new Date(state.startedAt).toISOString()} data-testid="run-started-at">
              {format.format(state.startedAt)}
            </time>
          </dd>
        </div>
        <div>
          <dt>{labels.finishedAt}</dt>
          <dd className="run-stat-time">
            <time dateTime={new Date(finishedAt).toISOString()} data-testid="run-finished-at">
              {format.format(finishedAt)}
            </time>
          </dd>
        </div>
      </dl>
      <RunStatusLines gps={gps} outbox={outbox} labels={labels} />
      <div className="button-row">
        <Link className="button" href="/history">
          {labels.seeHistory}
        </Link>
        <a className="button secondary" href={`/courses/${encodeURIComponent(run.courseSlug)}`}>
          {labels.backToCourse}
        </a>
      </div>
    </section>
  );
}
