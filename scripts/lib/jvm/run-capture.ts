/** Runs a short command to completion with stdout and stderr captured together (Maven, Kafka's StorageTool, nodetool). */
import { spawn } from 'node:child_process';

export interface Captured {
  code: number;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  stdout: string;
}

/** With `timeoutMs`, a command still running then is SIGKILLed and the promise rejects. */
export function runCapture(
  cmd: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
  timeoutMs?: number,
): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
    let output = '';
    let stdout = '';
    let timedOut = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => {
      output += b.toString();
      stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new Error(`${cmd} did not finish within ${(timeoutMs ?? 0) / 1000} s (killed)`));
      else resolve({ code: code ?? 1, output, stdout });
    });
  });
}
