/**
 * One run in the history list: its route thumbnail beside the course, date and status, then distance, moving
 * time and pace. The whole card is the link to the run's page.
 */
import Link from "next/link";
import type { Dictionary } from "../../_i18n/en";
import { formatDistance } from "../../_lib/format";
import { formatPace, formatTime } from "../../runs/_lib/format-run";
import { RouteThumbnail } from "./route-thumbnail";

export interface HistoryRun {
  id: string;
  status: keyof Dictionary["history"]["statuses"];
  startedAt: Date;
  recordPending: boolean;
  distanceMeters: number | null;
  movingSeconds: number | null;
  averagePaceSecondsPerKm: number | null;
  routePreview: [lat: number, lng: number][][];
}

export interface RunCardProps {
  run: HistoryRun;
  title: string;
  /** A mark beside the title, e.g. "Imported · GPX" for a run brought from a file. */
  badge?: string;
  when: string;
  h: Dictionary["history"];
}

export function RunCard({ run, title, badge, when, h }: RunCardProps) {
  return (
    <Link className="card history-card history-run-card" href={`/runs/${run.id}`} data-testid="history-run">
      <span className="history-card-head">
        <span className="card-title">{title}</span>
        {badge && (
          <span className="badge muted import-badge" data-testid="imported-badge">
            {badge}
          </span>
        )}
        <span className="meta history-when">
          {when} · <span className={`history-status-${run.status}`}>{h.statuses[run.status]}</span>
          {run.recordPending && <span className="history-computing"> · {h.computing}</span>}
        </span>
      </span>
      <RouteThumbnail route={run.routePreview} />
      <span className="history-facts">
        <span>
          <span className="stat-label">{h.distance} </span>
          <span className="history-fact" data-testid="run-distance">
            {formatDistance(run.distanceMeters)}
          </span>
        </span>
        <span>
          <span className="stat-label">{h.movingTime} </span>
          <span className="history-fact">{formatTime(run.movingSeconds)}</span>
        </span>
        <span>
          <span className="stat-label">{h.pace} </span>
          <span className="history-fact">{formatPace(run.averagePaceSecondsPerKm)}</span>
        </span>
      </span>
    </Link>
  );
}
