/**
 * Waiting for a server JVM to answer after a start. It fails fast rather than at the deadline: as soon as the JVM
 * exits or its logs show a fatal line, the error names the first error logged and quotes the logs' last lines.
 */
import type { ChildProcess } from 'node:child_process';
import { fatalScanner, firstError, startFailure, type FollowedLog } from './log-tail';
import { isAlive, sleep } from './pid-files';
import { tcpAnswers } from './ports';

const POLL_MS = 250;

export interface ReadyWait<T> {
  /** "node1", "broker2": errors read `<name> (<host>:<port>) failed to start: …`. */
  name: string;
  host: string;
  port: number;
  pid: number;
  /** Set if this process spawned the JVM: its exit is then noticed at once (otherwise the pid is polled). */
  child: ChildProcess | null;
  /** The server's own log (searched first for the cause) and the JVM's stdout/stderr, from this start's offsets. */
  serverLog: FollowedLog;
  consoleLog: FollowedLog;
  /** How many last lines of each log the error quotes. */
  tailLines: { server: number; console: number };
  /** Lines that mean the start has failed for good. */
  fatal: readonly RegExp[];
  /** An ERROR line in the server's log format (the cause the error names, if no fatal line comes first). */
  isErrorLine: (line: string) => boolean;
  /** Asked each time the port accepts TCP: a non-null answer means ready, and is returned. */
  probe: () => Promise<T | null>;
  /** Why it failed when the deadline passes, e.g. "timed out waiting for CQL". */
  timedOut: () => string;
  deadline: number;
  signal?: AbortSignal;
}

export async function waitServerReady<T>(w: ReadyWait<T>): Promise<T> {
  let exited: string | null = null;
  w.child?.once('exit', (code, sig) => (exited = sig ? `signal ${sig}` : `exit code ${code}`));
  if (w.child && (w.child.exitCode !== null || w.child.signalCode !== null)) exited = 'exited';
  const scan = fatalScanner([w.consoleLog, w.serverLog], w.fatal);
  const failure = async (why: string): Promise<Error> =>
    startFailure(
      `${w.name} (${w.host}:${w.port}) failed to start: ${why}`,
      (await firstError(w.serverLog.path, w.serverLog.offset, w.isErrorLine, w.fatal)) ??
        (await firstError(w.consoleLog.path, w.consoleLog.offset, w.isErrorLine, w.fatal)),
      [
        { ...w.consoleLog, label: `${w.consoleLog.path} (WARN+ and JVM output)`, lines: w.tailLines.console },
        { ...w.serverLog, label: w.serverLog.path, lines: w.tailLines.server },
      ],
    );
  for (;;) {
    if (w.signal?.aborted) throw new Error(`${w.name}: start abandoned`);
    if (exited !== null || (w.child === null && !isAlive(w.pid))) {
      throw await failure(`the JVM exited (${exited ?? 'pid gone'})`);
    }
    const hit = await scan();
    if (hit) throw await failure(`log says "${hit.source}"`);
    if (await tcpAnswers(w.host, w.port)) {
      const answer = await w.probe();
      if (answer !== null) return answer;
    }
    if (Date.now() > w.deadline) throw await failure(w.timedOut());
    await sleep(POLL_MS);
  }
}
