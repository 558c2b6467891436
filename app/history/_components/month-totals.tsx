/**
 * History's monthly totals: one line for the whole period, then a tile for each month that has runs (newest
 * first, each a link that lists its runs, again to clear). Months without runs are left out: they said
 * "0 m · 00:00" eleven times over and pushed the months that matter off a phone's screen.
 */
import Link from "next/link";
import type { Dictionary } from "../../_i18n/en";
import { formatDistance } from "../../_lib/format";
import { formatTime } from "../../runs/_lib/format-run";
import { hrefWith, type HistoryFilters } from "./history-filters";
import { monthsSum, shownMonths, type PeriodTotal } from "./shown-months";

export interface MonthTotalsProps {
  months: PeriodTotal[];
  basePath: string;
  filters: HistoryFilters;
  monthLabel: (yyyyMm: string) => string;
  h: Dictionary["history"];
  glance: Dictionary["historyGlance"];
}

export function MonthTotals({ months, basePath, filters, monthLabel, h, glance }: MonthTotalsProps) {
  const shown = shownMonths(months, filters.month);
  const sum = monthsSum(months);
  return (
    <section aria-labelledby="history-months">
      <h2 id="history-months">{h.months}</h2>
      <p className="meta month-summary" data-testid="months-summary">
        {sum.runs > 0 ? glance.periodSummary(months.length, h.runsCount(sum.runs), formatDistance(sum.distanceMeters)) : glance.noRunsInPeriod(months.length)}
      </p>
      {shown.length > 0 && (
        <ul className="month-totals">
          {shown.map((month) => {
            const key = month.period.slice(0, 7);
            const current = filters.month === key;
            return (
              <li key={month.period} data-testid="month-total">
                <Link
                  className="stat month-link"
                  href={hrefWith(basePath, { month: current ? undefined : key, program: filters.program })}
                  aria-current={current ? "true" : undefined}
                >
                  <span className="stat-label month-name">{monthLabel(key)}</span>
                  <span className="month-distance">{formatDistance(month.distanceMeters)}</span>
                  <span className="meta month-detail">
                    <span>{h.runsCount(month.runs)}</span> <span>{formatTime(month.movingSeconds)}</span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
