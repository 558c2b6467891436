/** Child-process helpers for the project's launchers: run to completion, run in the background, wait, stop. */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";

export type Environment = Record<string, string | undefined>;

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command: string, args: string[], env: Environment = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: env as NodeJS.ProcessEnv });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * Starts a long-running command in its own process group (so stopping it also stops its children),
 * with output to a log file or to this terminal.
 */
export function startBackground(
  command: string,
  args: string[],
  options: { env?: Environment; logFile?: string } = {},
): ChildProcess {
  const child = spawn(command, args, {
    env: (options.env ?? process.env) as NodeJS.ProcessEnv,
    detached: true,
    stdio: options.logFile ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: "a" });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  return child;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    /* already gone */
  }
}

/** SIGTERM to the whole process group, then SIGKILL after a grace period. */
export async function stopBackground(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** SIGKILL to the whole process group at once, as a crash would end it: no handler runs, nothing is flushed. */
export async function killBackground(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(child, "SIGKILL");
  await exited;
}

/** Polls a URL until `accept(status)` holds; throws after the timeout or if `alive()` turns false. */
export async function waitForHttp(
  url: string,
  options: { timeoutMs: number; accept?: (status: number) => boolean; alive?: () => boolean },
): Promise<void> {
  const accept = options.accept ?? ((status) => status === 200);
  const deadline = Date.now() + options.timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (options.alive && !options.alive()) throw new Error(`process serving ${url} exited (last: ${last})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`;
      if (accept(response.status)) return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not become ready within ${options.timeoutMs} ms (last: ${last})`);
}

export function formatMs(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(1)} s`;
}
