import type { Metadata } from "next";
import Link from "next/link";
import { getServerCaller } from "@/server/api/server-caller";
import { BarChart } from "../../_components/charts/bar-chart";
import { LineChart } from "../../_components/charts/line-chart";
import { getDictionary, getTimeZone } from "../../_i18n/server";
import { formatDistance } from "../../_lib/format";
import { requireSession } from "../../_lib/session";
import { formatPace, formatTime } from "../_lib/format-run";
import { RouteMap } from "./_components/route-map";
import { RouteView } from "./_components/route-view";
import { mapTiles } from "../../_lib/map-tiles";
import { env } from "@/server/env";
import { orNotFound } from "../../_lib/or-not-found";

export const metadata: Metadata = { title: "Run" };

type Params = Promise<{ id: string }>;

/** NOT_FOUND (and a malformed id) become the 404 page; anything else is a real error. */
export default async function RunPage({ params }: { params: Params }) {
  const { id } = await params;
  await requireSession(`/runs/${id}`);
  const [{ locale, t }, caller] = await Promise.all([getDictionary(), getServerCaller()]);
  const run = await orNotFound(caller.activities.detail({ id }));
  // Records carry their elevation profile; older ones need the points (a nicety: without Cassandra the page
  // still shows the stored record).
  const profile =
    run.record?.elevationProfile ?? (run.record ? await caller.activities.elevationProfile({ id }).catch(() => null) : null);
  const d = t.runDetail;
  const record = run.record;
  const title = run.importedFrom
    ? `${t.imports.importedRun} (${run.importedFrom.toUpperCase()})`
    : ((locale === "ko" ? run.courseTitleKo : run.courseTitleEn) ?? t.history.freeRun);
  const timeZone = await getTimeZone();
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone });

  return (
    <>
      <p>
        {run.isOwner ? (
          <Link href="/history">← {d.backToHistory}</Link>
        ) : (
          <Link href={`/history/${encodeURIComponent(run.ownerUsername.toLowerCase())}`}>← {d.backToFriendHistory(run.ownerName)}</Link>
        )}
      </p>
      <h1>{title}</h1>
      <p className="meta">
        {!run.isOwner && <>{d.friendRun(run.ownerName)} · </>}
        {dateFormat.format(run.startedAt)} · {t.history.statuses[run.status]}
      </p>
      {run.recordPending && <p className="notice" role="status">{d.computing}</p>}
      {!record ? (
        !run.recordPending && <p className="notice">{d.notComputed}</p>
      ) : (
        <>
          <div className="stat-grid run-tiles">
            <Tile label={d.distance} value={formatDistance(record.distanceMeters)} testId="detail-distance" />
            <Tile label={d.movingTime} value={formatTime(record.movingSeconds)} />
            <Tile label={d.elapsedTime} value={formatTime(record.elapsedSeconds)} />
            <Tile label={d.pace} value={formatPace(record.averagePaceSecondsPerKm)} />
            <Tile label={d.calories} value={`${Math.round(record.caloriesEstimate)} kcal`} />
            <Tile label={d.elevationGain} value={`${Math.round(record.elevationGainMeters)} m`} />
          </div>

          {/* Side by side on a desktop: the route beside the pace chart, the elevation below. */}
          <div className="run-charts">
            <section aria-labelledby="run-route">
              <h2 id="run-route">{d.route}</h2>
              {record.route.some((segment) => segment.length > 0) ? (
                // The SVG is the offline and no-tiles view; the tile source is read now, so one build can
                // point at any (MAP_TILE_URL). The route is what the viewer may see: trimmed for a friend.
                <RouteView tiles={mapTiles(env())} route={record.route} bridges={record.bridges} labels={t.runMap}>
                  <RouteMap route={record.route} bridges={record.bridges} labels={{ title: d.route, start: d.routeStart, finish: d.routeFinish }} />
                </RouteView>
              ) : (
                <p className="meta">{d.noRoute}</p>
              )}
              {(record.bridges?.length ?? 0) > 0 && <p className="meta">{d.routeUnrecorded}</p>}
              {run.routeTrimmed && <p className="meta">{d.routeTrimmed}</p>}
            </section>

            {record.splits.length > 0 && (
              <section aria-labelledby="run-pace">
                <h2 id="run-pace">{d.paceChart}</h2>
                <BarChart
                  label={d.paceChart}
                  bars={record.splits.map((split) => ({
                    label: String(split.km),
                    value: split.paceSecondsPerKm,
                    valueText: formatPace(split.paceSecondsPerKm),
                  }))}
                />
              </section>
            )}
            {profile && profile.length > 1 && (
              <section aria-labelledby="run-elevation">
                <h2 id="run-elevation">{d.elevationChart}</h2>
                <LineChart
                  label={d.elevationChart}
                  points={profile.map((sample) => ({ x: sample.meters, y: sample.altitude }))}
                  formatY={(value) => `${Math.round(value)} m`}
                />
              </section>
            )}
          </div>

          {record.splits.length > 0 && (
            <>
              <h2>{d.splits}</h2>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{d.km}</th>
                    <th scope="col">{d.distance}</th>
                    <th scope="col">{d.movingTime}</th>
                    <th scope="col">{d.pace}</th>
                  </tr>
                </thead>
                <tbody>
                  {record.splits.map((split) => (
                    <tr key={split.km}>
                      <td>{split.km}</td>
                      <td>{formatDistance(split.meters)}</td>
                      <td>{formatTime(split.movingSeconds)}</td>
                      <td>{formatPace(split.paceSecondsPerKm)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}

          {record.steps.length > 0 && (
            <>
              <h2>{d.steps}</h2>
              <table className="data-table step-table">
                <thead>
                  <tr>
                    <th scope="col">{d.step}</th>
                    <th scope="col">{d.planned}</th>
                    <th scope="col">{d.distance}</th>
                    <th scope="col">{d.pace}</th>
                  </tr>
                </thead>
                <tbody>
                  {record.steps.map((step) => (
                    <tr key={step.index}>
                      <td>
                        <span className={`step-swatch step-${step.type}`} aria-hidden="true" /> {step.index + 1}.{" "}
                        {t.steps[step.type]}
                      </td>
                      <td>{formatTime(step.plannedSeconds)}</td>
                      <td>{formatDistance(step.meters)}</td>
                      <td>{formatPace(step.paceSecondsPerKm)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
      {run.canExportGpx && (
        <div className="button-row">
          <a className="button secondary" href={`/runs/${run.id}/gpx`} download>
            {d.downloadGpx}
          </a>
        </div>
      )}
    </>
  );
}

function Tile({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}
