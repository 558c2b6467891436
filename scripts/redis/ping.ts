/** PING over raw RESP on node:net: no client library, no reconnect loop, one answer or a timeout. */
import net from 'node:net';
import { isPong } from './config';

/** True if 127.0.0.1:port answers PING with PONG within timeoutMs. */
export function redisPongs(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => sock.write('PING\r\n'));
    sock.on('data', (b: Buffer) => {
      answer += b.toString('latin1');
      if (answer.includes('\r\n')) done(isPong(answer));
    });
    sock.once('error', () => done(false));
  });
}
