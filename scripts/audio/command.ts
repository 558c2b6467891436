/**
 * Runs one of the audio tools (espeak-ng, sox, lame) to completion and hands back its stdout as bytes.
 * A failure throws with the tool's own stderr, so a broken recipe names itself.
 */
import { spawn } from "node:child_process";

export async function runTool(command: string, args: readonly string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(stdout));
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code}: ${Buffer.concat(stderr).toString().trim()}`));
    });
    child.stdin.on("error", () => {
      /* the tool may exit before reading all of its input; its exit code reports the failure */
    });
    child.stdin.end(input);
  });
}

/** True when `command` is on the PATH. */
export async function hasTool(command: string): Promise<boolean> {
  try {
    await runTool("sh", ["-c", `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

/** Runs `tasks` with at most `limit` at a time, keeping their order in the result. */
export async function inPool<T>(limit: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (task) results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
