/** HAProxy's runtime API over its stats socket (a unix socket): one command, its whole answer. */
import net from 'node:net';

/** Sends `command` (e.g. `show stat`, `disable server app/app1`) and resolves with what HAProxy answers. */
export function runtimeCommand(socketPath: string, command: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(socketPath);
    const chunks: Buffer[] = [];
    sock.setTimeout(timeoutMs, () => sock.destroy(new Error(`no answer to "${command}" within ${timeoutMs} ms`)));
    // without `prompt` the socket answers one command and closes: the end of the answer is the end of the stream
    sock.once('connect', () => sock.end(`${command}\n`));
    sock.on('data', (b: Buffer) => chunks.push(b));
    sock.once('error', (err) => reject(new Error(`runtime API at ${socketPath}: ${err.message}`)));
    sock.once('close', (hadError) => {
      if (!hadError) resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}
