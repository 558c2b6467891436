/** The HAProxy binary: Debian's (bookworm ships 2.6), installed with apt-get on first use. */
import { ensureDebianBinary } from '../lib/debian/debian-package';

export const defaultLog = (line: string): void => console.log(`[haproxy] ${line}`);

/** Path of the haproxy binary (/usr/sbin/haproxy or PATH), installing the `haproxy` package when missing. */
export function ensureHaproxy(log: (line: string) => void = defaultLog): Promise<string> {
  return ensureDebianBinary({ binary: 'haproxy', knownPaths: ['/usr/sbin/haproxy'], pkg: 'haproxy', log });
}
