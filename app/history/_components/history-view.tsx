/**
 * A runner's history: monthly totals (only months with runs, each a link that lists its runs), the last
 * weeks' distance labelled in km, and the runs newest first, each with its route thumbnail, in cursor pages. The same view serves the runner's own `/history` and a
 * friend's `/history/<username>` (read-only: the procedures answer NOT_FOUND to anyone else).
 */
import Link from "next/link";
import { getServerCaller } from "@/server/api/server-caller";
import { getDictionary, getTimeZone } from "../../_i18n/server";
import { DeviceRuns } from "./device-runs";
import { hrefWith, type HistoryFilters } from "./history-filters";
import { MonthTotals } from "./month-totals";
import { RunCard } from "./run-card";
import { WeeklyChart } from "./weekly-chart";
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
      {owner.isOwner && <ImportRuns labels={t.imports} locale={locale} timeZone={timeZone} folded={anyRuns} />}
      {anyRuns && (
        <div className="history-overview">
          <MonthTotals months={months} basePath={basePath} filters={filters} monthLabel={monthLabel} h={h} glance={t.historyGlance} />
          <WeeklyChart weeks={weeks} weekLabel={(period) => dayFormat.format(new Date(period))} glance={t.historyGlance} />
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
              <RunCard
                run={run}
                title={run.importedFrom ? t.imports.importedRun : title({ titleEn: run.courseTitleEn, titleKo: run.courseTitleKo })}
                badge={run.importedFrom ? `${t.imports.importedBadge} · ${run.importedFrom.toUpperCase()}` : undefined}
                when={dateFormat.format(run.startedAt)}
                h={h}
              />
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
