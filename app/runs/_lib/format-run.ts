/** Formatting of a run's numbers for history and run pages. */
import { formatClock } from "@/app/_lib/format";

/** "5:32 /km", or "—" without a pace. */
export function formatPace(secondsPerKm: number | null | undefined): string {
  if (secondsPerKm === null || secondsPerKm === undefined || !Number.isFinite(secondsPerKm)) return "—";
  const total = Math.round(secondsPerKm);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")} /km`;
}

/** "32:10" or "1:05:00", or "—". */
export function formatTime(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? "—" : formatClock(seconds);
}
