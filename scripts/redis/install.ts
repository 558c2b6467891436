/** The Redis server binary: Debian's `redis-server` package, installed with apt-get on first use. */
import { ensureDebianBinary } from '../lib/debian/debian-package';

export const defaultLog = (line: string): void => console.log(`[redis] ${line}`);

/** Path of redis-server (/usr/bin/redis-server or PATH), installing the `redis-server` package when missing. */
export function ensureRedis(log: (line: string) => void = defaultLog): Promise<string> {
  return ensureDebianBinary({ binary: 'redis-server', knownPaths: ['/usr/bin/redis-server'], pkg: 'redis-server', log });
}
