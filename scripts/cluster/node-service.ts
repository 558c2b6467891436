/**
 * One stateless process of the scaled setup (a Next app server, an upload API instance, a Location Service
 * writer) that the setup can start, stop, kill as a crash would, and start again on the same port: what a
 * fault test needs, and what `npm run cluster` uses to start them all alike. Each runs in its own process
 * group with its output in a log file; `ready` is the health URL that says it serves.
 */
import type { ChildProcess } from "node:child_process";
import { killBackground, startBackground, stopBackground, waitForHttp, type Environment } from "../lib/processes";

export interface NodeServiceSpec {
  /** "app1", "upload2", "writer1": in logs and fault reports. */
  name: string;
  command: string;
  args: string[];
  env: Environment;
  logFile: string;
  /** Answered 200 once the process serves (its /api/health or /health). */
  readyUrl: string;
  readyTimeoutMs?: number;
}

export interface NodeService {
  readonly name: string;
  readonly pid: number | undefined;
  /** True from start until the process exits. */
  readonly running: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** SIGKILL to its process group: no handler runs, nothing is flushed. */
  kill(): Promise<void>;
  /** Called when the process exits without stop() or kill() having been asked for. */
  onUnexpectedExit(listener: (code: number | null) => void): void;
}

export function nodeService(spec: NodeServiceSpec): NodeService {
  let child: ChildProcess | undefined;
  let ending = false;
  const listeners: ((code: number | null) => void)[] = [];
  const running = () => !!child && child.exitCode === null && child.signalCode === null;
  return {
    name: spec.name,
    get pid() {
      return running() ? child!.pid : undefined;
    },
    get running() {
      return running();
    },
    async start() {
      if (running()) return;
      ending = false;
      const started = startBackground(spec.command, spec.args, { env: spec.env, logFile: spec.logFile });
      child = started;
      started.once("exit", (code) => {
        if (!ending && child === started) for (const listener of listeners) listener(code);
      });
      await waitForHttp(spec.readyUrl, { timeoutMs: spec.readyTimeoutMs ?? 60_000, alive: () => child === started && running() });
    },
    async stop() {
      ending = true;
      if (child) await stopBackground(child);
    },
    async kill() {
      ending = true;
      if (child) await killBackground(child);
    },
    onUnexpectedExit(listener) {
      listeners.push(listener);
    },
  };
}
