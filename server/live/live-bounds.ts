/**
 * Pure limits of a follower's connection, so the route handler's choices are testable: how many followers a
 * run takes, how long a connection lives, when a slow follower is dropped.
 */

/** Bytes queued for one follower beyond which the connection is dropped (it resumes from its last event). */
export const MAX_QUEUED_BYTES = 256 * 1024;
/** The browser's reconnection delay, sent as SSE `retry:`. */
export const RECONNECT_MS = 2_000;
/** A comment line this often keeps proxies from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

/**
 * A connection's lifetime: the configured one minus up to 10 % at random, so followers who connected together do
 * not all reconnect in the same second.
 */
export function connectionLifetimeMs(configuredSeconds: number, random: () => number = Math.random): number {
  return Math.round(configuredSeconds * 1000 * (1 - 0.1 * random()));
}

/**
 * How often an open stream checks again that its follower may still follow the run, whatever the notices said:
 * the backstop for a notice lost while a server's subscriber reconnects (access-watch.ts).
 */
export const ACCESS_CHECK_MS = 60_000;

/** The wait before the next access check: the interval ±25 % at random, so streams opened together do not query together. */
export function accessCheckDelayMs(intervalMs: number, random: () => number = Math.random): number {
  return Math.round(intervalMs * (0.75 + 0.5 * random()));
}

/** Whether a queue this far past its high-water mark means a follower who is not reading: drop it. */
export function followerTooSlow(queuedBytes: number): boolean {
  return queuedBytes > MAX_QUEUED_BYTES;
}

/** The event id a reconnecting browser sent back (Last-Event-ID), or null when absent or not one of ours. */
export function parseLastEventId(value: string | null): number | null {
  if (value === null || !/^\d{1,12}$/.test(value)) return null;
  return Number(value);
}

/** One SSE message. Data is a single line of JSON, so no line of it can start a field. */
export function sseMessage(event: string, id: number | null, data: unknown): string {
  return `${id === null ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
