/**
 * Which months the history's monthly totals show: only those with runs (twelve tiles of "0 m · 00:00" hid the
 * few that mattered), newest first, plus the month the list is filtered to even when it has none, so the
 * filter always has a tile to clear it from.
 */
export interface PeriodTotal {
  /** First day of the month in the runner's time zone, `YYYY-MM-DD`. */
  period: string;
  runs: number;
  distanceMeters: number;
  movingSeconds: number;
}

export function shownMonths<T extends PeriodTotal>(months: readonly T[], selected?: string): T[] {
  return months.filter((month) => month.runs > 0 || month.period.slice(0, 7) === selected).reverse();
}

/** The runs and distance of all the months given together. */
export function monthsSum(months: readonly PeriodTotal[]): { runs: number; distanceMeters: number } {
  return months.reduce(
    (sum, month) => ({ runs: sum.runs + month.runs, distanceMeters: sum.distanceMeters + month.distanceMeters }),
    { runs: 0, distanceMeters: 0 },
  );
}
