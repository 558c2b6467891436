/**
 * Pure part of the Redis launcher: the redis-server command line of a throw-away cache. No I/O here (unit-tested).
 */

export interface RedisServerOptions {
  port: number;
  /** Its working dir; with persistence off nothing is written there, but Redis insists on one. */
  dataDir: string;
}

/**
 * Loopback only, in the foreground, no RDB snapshots, no AOF: a cache that starts empty every time. No config
 * file, so nothing of the system Redis's /etc/redis applies, and it logs to stdout (the launcher's log file).
 */
export function redisServerArgs(o: RedisServerOptions): string[] {
  if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) throw new Error(`redis: bad port ${String(o.port)}`);
  return [
    '--port', String(o.port),
    '--bind', '127.0.0.1',
    '--daemonize', 'no',
    '--save', '',
    '--appendonly', 'no',
    '--dir', o.dataDir,
  ];
}

/** Does this bytes-so-far of a RESP answer to PING say PONG? (`+PONG`; `-LOADING …` while it loads a dataset.) */
export function isPong(answer: string): boolean {
  return answer.startsWith('+PONG\r\n');
}
