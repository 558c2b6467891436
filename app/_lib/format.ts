/** Display formatting shared by pages. */
import type { Dictionary } from "../_i18n/en";

export function formatDistance(meters: number | null): string {
  if (meters === null) return "—";
  return meters < 1000 ? `${Math.round(meters)} m` : `${(meters / 1000).toFixed(2)} km`;
}

/** "25 min", "1 min 30 s", "30 s" in the page's language. */
export function formatDuration(totalSeconds: number, units: Dictionary["units"]): string {
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = Math.round(totalSeconds % 60);
  if (minutes === 0) return units.seconds(seconds);
  return seconds === 0 ? units.minutes(minutes) : units.minutesSeconds(minutes, seconds);
}

export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mmss = `${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** "5:42" (minutes per kilometre), or "—" without a pace or when slower than 99 min/km (standing still). */
export function formatPace(secondsPerKm: number | null | undefined): string {
  if (secondsPerKm === null || secondsPerKm === undefined || !Number.isFinite(secondsPerKm) || secondsPerKm > 99 * 60) {
    return "—";
  }
  const whole = Math.round(secondsPerKm);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/** "1.4 MB" — decimal units, as storage is sold and as browsers report quota. */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1_000).toFixed(0)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
