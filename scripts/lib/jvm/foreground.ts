/**
 * What a launcher's `start` does in the foreground once its servers are up: wait until Ctrl-C (SIGINT, SIGTERM or
 * SIGHUP: stop them, exit 0) or until one of them dies on its own (stop the others, exit 1).
 */
import { isAlive } from './pid-files';

const CHECK_MS = 2000;

export interface WatchedServer {
  /** The N of node<N> / broker<N>. */
  id: number;
  pid: number;
  /** Adopted from another process: not ours to watch. */
  reused: boolean;
  /** Named when it dies: where to look for why. */
  logFile: string;
}

export interface Foreground {
  /** "node", "broker": the log says `node(s) 2,3 exited unexpectedly`. */
  kind: string;
  /** Read on every check: a cluster's view of its servers may change (restarts). */
  servers: () => readonly WatchedServer[];
  stop: () => Promise<void>;
  log: (line: string) => void;
}

/** Resolves with the exit code once the servers are stopped. */
export function stayInForeground(f: Foreground): Promise<number> {
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stopThenExit = (code: number): void => {
      void f.stop().finally(() => {
        clearInterval(watch);
        resolve(code);
      });
    };
    // also keeps the event loop alive: neither the JVMs nor their watchdogs do
    const watch = setInterval(() => {
      const dead = f.servers().filter((s) => !s.reused && !isAlive(s.pid));
      if (stopping || dead.length === 0) return;
      stopping = true;
      const ids = dead.map((s) => s.id).join(',');
      f.log(`${f.kind}(s) ${ids} exited unexpectedly (see ${dead[0]?.logFile}); stopping`);
      stopThenExit(1);
    }, CHECK_MS);
    const onSignal = (sig: NodeJS.Signals): void => {
      if (stopping) return f.log(`${sig} again: still stopping (the JVMs get SIGKILL after 60 s)`);
      stopping = true;
      f.log(`${sig}: stopping…`);
      stopThenExit(0);
    };
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, onSignal);
  });
}
