/**
 * The last weeks' distance as bars, each labelled with its kilometres (week-distance.ts keeps twelve labels
 * inside a phone's width), the heading giving the unit once.
 */
import { BarChart } from "../../_components/charts/bar-chart";
import type { Dictionary } from "../../_i18n/en";
import { formatDistance } from "../../_lib/format";
import type { PeriodTotal } from "./shown-months";
import { weekDistanceLabel } from "./week-distance";

export function WeeklyChart({ weeks, weekLabel, glance }: { weeks: PeriodTotal[]; weekLabel: (period: string) => string; glance: Dictionary["historyGlance"] }) {
  const title = glance.weeksInKm(weeks.length);
  return (
    <section aria-labelledby="history-weeks">
      <h2 id="history-weeks">{title}</h2>
      <BarChart
        label={title}
        bars={weeks.map((week) => ({
          label: weekLabel(week.period),
          value: week.distanceMeters,
          valueText: formatDistance(week.distanceMeters),
          shortValue: weekDistanceLabel(week.distanceMeters),
        }))}
      />
    </section>
  );
}
