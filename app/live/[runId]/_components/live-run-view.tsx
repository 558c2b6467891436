"use client";
/**
 * The follower's page: the route drawn as it grows (SVG, no map tiles), the runner's numbers at the last fix
 * and how long ago that was, the clock running on between updates (domain/live/live-clock.ts); once the run is finished, a link to its record (where home privacy trims the
 * finish too).
 */
import Link from "next/link";
import { useEffect, useState } from "react";
import { formatClock, formatDistance, formatPace } from "@/app/_lib/format";
import { RouteMap } from "@/app/runs/[id]/_components/route-map";
import type { StepType } from "@/domain/coaching/step-types";
import { elapsedShownAt } from "@/domain/live/live-clock";
import { useLiveRun } from "./use-live-run";

export interface LiveRunLabels {
  distance: string;
  pace: string;
  elapsed: string;
  step: string;
  stepOf: string;
  courseDone: string;
  lastUpdate: string;
  waiting: string;
  paused: string;
  reconnecting: string;
  finished: string;
  gone: string;
  seeRecord: string;
  routeLabel: string;
  homeHidden: string;
  start: string;
  here: string;
}

/** The time now, re-rendered every second (the "last update" line and the running clock follow it). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function LiveRunView(props: {
  runId: string;
  finished: boolean;
  homeHidden: boolean;
  title: string;
  stepNames: Record<StepType, string>;
  labels: LiveRunLabels;
  children?: React.ReactNode;
}) {
  const { labels, stepNames } = props;
  const live = useLiveRun(props.runId, props.finished);
  const stats = live.stats;
  const now = useNow();
  const ago = stats ? Math.max(0, Math.round((now - stats.lastFixAt) / 1000)) : null;
  const step = stats?.step;
  const stepText = !step || step.count === 0 ? "—" : step.type === null ? labels.courseDone : stepNames[step.type];

  return (
    <>
      <h1>{props.title}</h1>
      {live.gone ? (
        <p className="notice" role="status" data-testid="live-gone">{labels.gone}</p>
      ) : live.finished ? (
        <p className="notice" role="status" data-testid="live-finished">
          {labels.finished} <Link href={`/runs/${props.runId}`}>{labels.seeRecord}</Link>
        </p>
      ) : (
        <p className="meta" data-testid="live-status">
          {!live.connected && live.seq >= 0 ? labels.reconnecting : ago === null ? labels.waiting : labels.lastUpdate.replace("{s}", String(ago))}
          {stats?.paused && <> · {labels.paused}</>}
        </p>
      )}
      {!live.gone && (
        <div className="live-layout">
          <div className="stat-grid live-stats">
            <div className="stat">
              <div className="stat-label">{labels.distance}</div>
              <div className="stat-value" data-testid="live-distance">{formatDistance(stats?.distanceMeters ?? null)}</div>
            </div>
            <div className="stat">
              <div className="stat-label">{labels.pace}</div>
              <div className="stat-value" data-testid="live-pace">{formatPace(stats?.paceSecondsPerKm)}</div>
            </div>
            <div className="stat">
              <div className="stat-label">{labels.elapsed}</div>
              <div className="stat-value" data-testid="live-elapsed">{stats ? formatClock(elapsedShownAt(stats, now, live.finished)) : "—"}</div>
            </div>
            <div className="stat">
              <div className="stat-label">
                {labels.step}
                {step && step.count > 0 && step.type !== null && <> · {labels.stepOf.replace("{n}", String(step.index + 1)).replace("{count}", String(step.count))}</>}
              </div>
              <div className="stat-value live-step" data-testid="live-step" data-step-index={step?.index ?? ""}>{stepText}</div>
            </div>
          </div>
          {!live.finished && live.route.length > 0 && (
            <section className="live-route" aria-label={labels.routeLabel} data-testid="live-route" data-points={live.route.reduce((n, line) => n + line.length, 0)}>
              <RouteMap route={live.route} labels={{ title: labels.routeLabel, start: labels.start, finish: labels.here }} />
              {props.homeHidden && <p className="meta">{labels.homeHidden}</p>}
            </section>
          )}
          {!live.finished && props.children && <div className="live-cheers">{props.children}</div>}
        </div>
      )}
    </>
  );
}
