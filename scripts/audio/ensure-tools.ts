/**
 * Installs the audio tools the generator needs when they are missing (Debian packages, as
 * scripts/lib/ensure.sh does for Java and Chromium), so `npm run audio:generate` works on a fresh machine.
 */
import { hasTool, runTool } from "./command";

/** Command → the Debian package that provides it. */
const REQUIRED_TOOLS = { "espeak-ng": "espeak-ng", sox: "sox", lame: "lame" } as const;

function asRoot(command: string, args: string[]): [string, string[]] {
  const isRoot = process.getuid?.() === 0;
  return isRoot ? [command, args] : ["sudo", [command, ...args]];
}

export async function ensureAudioTools(): Promise<void> {
  const missing: string[] = [];
  for (const [command, debianPackage] of Object.entries(REQUIRED_TOOLS)) {
    if (!(await hasTool(command))) missing.push(debianPackage);
  }
  if (missing.length === 0) return;
  console.log(`› apt-get install ${missing.join(" ")}`);
  await runTool(...asRoot("apt-get", ["update", "-qq"]));
  await runTool(...asRoot("env", ["DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq", ...missing]));
}

/** One line naming each tool's version, printed so a changed output can be traced to a changed tool. */
export async function describeAudioTools(): Promise<string> {
  const firstLine = (text: Buffer) => text.toString().split("\n")[0]?.trim() ?? "";
  const espeak = firstLine(await runTool("espeak-ng", ["--version"]));
  const sox = firstLine(await runTool("sox", ["--version"]));
  const lame = firstLine(await runTool("lame", ["--version"]));
  return [espeak, sox, lame].join(" · ");
}
