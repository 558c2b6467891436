/** Formatting of a run's numbers for history and run pages. */
import { formatClock, formatPace as formatBarePace } from "@/app/_lib/format";

/** "5:32 /km", or "—" without a pace. */
export function formatPace(secondsPerKm: number | null | undefined): string {
  const pace = formatBarePace(secondsPerKm);
  return pace === "—" ? pace : `${pace} /km`;
}

/** "32:10" or "1:05:00", or "—". */
export function formatTime(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? "—" : formatClock(seconds);
}
