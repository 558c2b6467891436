import type { Metadata } from "next";
import Link from "next/link";
import { getServerCaller } from "@/server/api/server-caller";
import { BarChart } from "../_components/charts/bar-chart";
import { getDictionary, getTimeZone } from "../_i18n/server";
import { formatDistance } from "../_lib/format";
import { requireSession } from "../_lib/session";
import { formatPace, formatTime } from "../runs/_lib/format-run";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.history.title };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const PAGE_SIZE = 20;
const CURSOR = /^\d{1,15}\.[0-9a-f-]{36}$/i;
const PROGRAM = /^[a-z0-9-]{1,100}$/;

/** Keeps the valid filters from the URL and drops the rest, so a mangled link still shows a history. */
function filtersFromUrl(params: Record<string, string | string[] | undefined>) {
  const single = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : undefined);
  const cursor = single("cursor");
  const program = single("program");
  return {
    cursor: cursor && CURSOR.test(cursor) ? cursor : undefined,
    program: program && PROGRAM.test(program) ? program : undefined,
  };
}

function hrefWith(filters: { cursor?: string; program?: string }) {
  const query = new URLSearchParams();
  if (filters.program) query.set("program", filters.program);
  if (filters.cursor) query.set("cursor", filters.cursor);
  const text = query.toString();
  return text ? `/history?${text}` : "/history";
}

export default async function HistoryPage({ searchParams }: { searchParams: SearchParams }) {
  await requireSession("/history");
  const [{ locale, t }, caller, params] = await Promise.all([getDictionary(), getServerCaller(), searchParams]);
  const filters = filtersFromUrl(params);
  const timeZone = await getTimeZone();
  const [page, months, weeks, programs] = await Promise.all([
    caller.activities.history({ limit: PAGE_SIZE, ...filters }),
    caller.activities.monthlyTotals({ count: 6, timeZone }),
    caller.activities.weeklyTotals({ count: 8, timeZone }),
    caller.activities.historyPrograms({}),
  ]);
  const h = t.history;
  const title = (item: { titleEn: string | null; titleKo: string | null }) =>
    (locale === "ko" ? item.titleKo : item.titleEn) ?? h.freeRun;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  // Periods are local calendar dates (`YYYY-MM-DD`), read as UTC midnight so formatting does not shift them.
  const monthFormat = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" });
  const dayFormat = new Intl.DateTimeFormat(locale, { month: "numeric", day: "numeric", timeZone: "UTC" });
  const anyRuns = months.some((month) => month.runs > 0) || page.items.length > 0 || filters.program || filters.cursor;

  return (
    <>
      <h1>{h.title}</h1>
      {anyRuns && (
        <>
          <section aria-labelledby="history-months">
            <h2 id="history-months">{h.months}</h2>
            <ul className="month-totals">
              {months
                .slice()
                .reverse()
                .map((month) => (
                  <li key={month.period} className="stat" data-testid="month-total">
                    <div className="stat-label">{monthFormat.format(new Date(month.period))}</div>
                    <div className="month-distance">{formatDistance(month.distanceMeters)}</div>
                    <div className="meta">
                      {h.runsCount(month.runs)} · {formatTime(month.movingSeconds)}
                    </div>
                  </li>
                ))}
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
        </>
      )}

      <h2>{h.list}</h2>
      {programs.length > 0 && (
        <form className="history-filter" method="get" action="/history">
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
        </form>
      )}

      {page.items.length === 0 ? (
        <p className="notice">{filters.program ? h.emptyFiltered : h.empty}</p>
      ) : (
        <ul className="card-list" aria-label={h.list}>
          {page.items.map((run) => (
            <li key={run.id}>
              <Link className="card history-card" href={`/runs/${run.id}`} data-testid="history-run">
                <span className="card-title">{title({ titleEn: run.courseTitleEn, titleKo: run.courseTitleKo })}</span>
                <span className="meta" style={{ display: "block" }}>
                  {dateFormat.format(run.startedAt)} · <span className={`run-status run-status-${run.status}`}>{h.statuses[run.status]}</span>
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
          <Link className="button secondary" href={hrefWith({ program: filters.program, cursor: page.nextCursor })}>
            {h.loadMore}
          </Link>
        )}
        {filters.cursor && (
          <Link className="button secondary" href={hrefWith({ program: filters.program })}>
            {h.backToNewest}
          </Link>
        )}
      </div>
    </>
  );
}
