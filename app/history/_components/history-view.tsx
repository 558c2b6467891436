/**
 * A runner's history: monthly totals (each month a link that lists its runs), the last weeks' distance,
 * and the runs newest first with cursor pages. The same view serves the runner's own `/history` and a
 * friend's `/history/<username>` (read-only: the procedures answer NOT_FOUND to anyone else).
 */
import Link from "next/link";
import { getServerCaller } from "@/server/api/server-caller";
import { BarChart } from "../../_components/charts/bar-chart";
import { getDictionary, getTimeZone } from "../../_i18n/server";
import { formatDistance } from "../../_lib/format";
import { formatPace, formatTime } from "../../runs/_lib/format-run";
import { DeviceRuns } from "./device-runs";
import { hrefWith, type HistoryFilters } from "./history-filters";
import { ImportRuns } from "./import/import-runs";

const PAGE_SIZE = 20;
const MONTHS = 12;
const WEEKS = 12;

export interface HistoryOwner {
  id: string;
  username: string;
  name: string;
  isOwner: boolean;
}

export async function HistoryView({ owner, basePath, filters }: { owner: HistoryOwner; basePath: string; filters: HistoryFilters }) {
  const [{ locale, t }, caller, timeZone] = await Promise.all([getDictionary(), getServerCaller(), getTimeZone()]);
  const ownerId = owner.isOwner ? undefined : owner.id;
  const [page, months, weeks, programs] = await Promise.all([
    caller.activities.history({ limit: PAGE_SIZE, ownerId, timeZone, ...filters }),
    caller.activities.monthlyTotals({ count: MONTHS, ownerId, timeZone }),
    caller.activities.weeklyTotals({ count: WEEKS, ownerId, timeZone }),
    caller.activities.historyPrograms({ ownerId }),
  ]);
  const h = t.history;
  const title = (item: { titleEn: string | null; titleKo: string | null }) =>
    (locale === "ko" ? item.titleKo : item.titleEn) ?? h.freeRun;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  // Periods are local calendar dates (`YYYY-MM-DD`), read as UTC midnight so formatting does not shift them.
  const monthFormat = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" });
  const dayFormat = new Intl.DateTimeFormat(locale, { month: "numeric", day: "numeric", timeZone: "UTC" });
  const anyFilter = Boolean(filters.program || filters.cursor || filters.month);
  const anyRuns = months.some((month) => month.runs > 0) || page.items.length > 0 || anyFilter;
  const monthLabel = (yyyyMm: string) => monthFormat.format(new Date(`${yyyyMm}-01T00:00:00Z`));

  return (
    <>
      <h1>{owner.isOwner ? h.title : h.friendTitle(owner.name)}</h1>
      {!owner.isOwner && (
        <p className="meta">
          {h.friendMeta(owner.username)} · <Link href="/friends">{h.backToFriends}</Link>
        </p>
      )}
      {owner.isOwner && <DeviceRuns labels={t.uploads} locale={locale} timeZone={timeZone} />}
      {owner.isOwner && <ImportRuns labels={t.imports} locale={locale} timeZone={timeZone} />}
      {anyRuns && (
        <div className="history-overview">
          <section aria-labelledby="history-months">
            <h2 id="history-months">{h.months}</h2>
            <ul className="month-totals">
              {months
                .slice()
                .reverse()
                .map((month) => {
                  const key = month.period.slice(0, 7);
                  const current = filters.month === key;
                  return (
                    <li key={month.period} data-testid="month-total">
                      <Link
                        className="stat month-link"
                        href={hrefWith(basePath, { month: current ? undefined : key, program: filters.program })}
                        aria-current={current ? "true" : undefined}
                      >
                        <span className="stat-label">{monthLabel(key)}</span>
                        <span className="month-distance">{formatDistance(month.distanceMeters)}</span>
                        <span className="meta">
                          {h.runsCount(month.runs)} · {formatTime(month.movingSeconds)}
                        </span>
                      </Link>
                    </li>
                  );
                })}
            </ul>
          </section>
          <section aria-labelledby="history-weeks">
            <h2 id="history-weeks">{h.weeks}</h2>
            <BarChart
              label={h.weeks}
              bars={weeks.map((week) => ({
                label: dayFormat.format(new Date(week.period)),
                value: week.distanceMeters,
                valueText: formatDistance(week.distanceMeters),
              }))}
            />
          </section>
        </div>
      )}

      <h2 id="history-list">{filters.month ? h.listInMonth(monthLabel(filters.month)) : h.list}</h2>
      {(programs.length > 0 || filters.month) && (
        <form className="history-filter" method="get" action={basePath}>
          {filters.month && <input type="hidden" name="month" value={filters.month} />}
          {programs.length > 0 && (
            <>
              <label>
                {h.program}{" "}
                <select name="program" defaultValue={filters.program ?? ""}>
                  <option value="">{h.allPrograms}</option>
                  {programs.map((program) => (
                    <option key={program.slug} value={program.slug}>
                      {locale === "ko" ? program.titleKo : program.titleEn}
                    </option>
                  ))}
                </select>
              </label>
              <button className="button secondary" type="submit">
                {h.filter}
              </button>
            </>
          )}
          {filters.month && (
            <Link href={hrefWith(basePath, { program: filters.program })}>{h.allMonths}</Link>
          )}
        </form>
      )}

      {page.items.length === 0 ? (
        <p className={anyFilter ? "notice" : "notice history-empty"}>
          {anyFilter ? h.emptyFiltered : owner.isOwner ? h.empty : h.friendEmpty}
        </p>
      ) : (
        <ul className="card-list history-list" aria-labelledby="history-list">
          {page.items.map((run) => (
            <li key={run.id}>
              <Link className="card history-card" href={`/runs/${run.id}`} data-testid="history-run">
                <span className="card-title">
                  {run.importedFrom ? t.imports.importedRun : title({ titleEn: run.courseTitleEn, titleKo: run.courseTitleKo })}
                </span>
                {run.importedFrom && (
                  <span className="badge muted import-badge" data-testid="imported-badge">
                    {t.imports.importedBadge} · {run.importedFrom.toUpperCase()}
                  </span>
                )}
                <span className="meta history-when">
                  {dateFormat.format(run.startedAt)} ·{" "}
                  <span className={`history-status-${run.status}`}>{h.statuses[run.status]}</span>
                  {run.recordPending && <span className="history-computing"> · {h.computing}</span>}
                </span>
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
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        {page.nextCursor && (
          <Link className="button secondary" href={hrefWith(basePath, { ...filters, cursor: page.nextCursor })}>
            {h.loadMore}
          </Link>
        )}
        {filters.cursor && (
          <Link className="button secondary" href={hrefWith(basePath, { ...filters, cursor: undefined })}>
            {h.backToNewest}
          </Link>
        )}
      </div>
    </>
  );
}
