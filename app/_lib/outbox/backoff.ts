/**
 * How long to wait before the next upload after failures: exponential with "full jitter" (a random wait
 * between 0 and the exponential ceiling), so phones that lost the network together do not all retry in the
 * same second when it returns.
 */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/** The longest wait after `failures` failures in a row (1 → base, 2 → 2 × base, …, never above the cap). */
export function backoffCeiling(failures: number, baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS): number {
  if (failures <= 0) return 0;
  return Math.min(capMs, baseMs * 2 ** (failures - 1));
}

/** A random wait in [0, ceiling); `random` returns [0, 1) like `Math.random`. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  return Math.floor(random() * backoffCeiling(failures));
}
