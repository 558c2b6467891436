/** Runs a short command to completion with stdout and stderr captured together (Maven, Kafka's StorageTool). */
import { spawn } from 'node:child_process';

export interface Captured {
  code: number;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  stdout: string;
}

export function runCapture(cmd: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => {
      output += b.toString();
      stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output, stdout }));
  });
}
