/**
 * Finds a binary (HAProxy, Redis, nft) or installs its Debian package when it is missing, as scripts/lib/ensure.sh
 * does for Java and Chromium. Used by scripts/haproxy, scripts/redis and the fault tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCapture } from '../jvm/run-capture';
import { aptArgv, cannotInstallMessage, failedForLackOfLists, installArgs, UPDATE_ARGS, type Privilege } from './apt';

export interface DebianBinary {
  /** File name looked up on PATH, e.g. `haproxy`. */
  binary: string;
  /** Checked before PATH: Debian puts daemons in /usr/sbin, which a non-root PATH often lacks. */
  knownPaths: readonly string[];
  /** The Debian package that ships it. */
  pkg: string;
  log: (line: string) => void;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The binary's path, or null: its known paths first, then each PATH entry. */
export function findBinary(binary: string, knownPaths: readonly string[] = []): string | null {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, binary));
  return [...knownPaths, ...onPath].find(isExecutable) ?? null;
}

async function privilege(): Promise<Privilege> {
  if (process.getuid?.() === 0) return 'root';
  if (!findBinary('sudo')) return 'none';
  const probe = await runCapture('sudo', ['-n', 'true']).catch(() => ({ code: 1 }));
  return probe.code === 0 ? 'sudo' : 'none';
}

async function apt(who: Privilege, args: readonly string[], log: (line: string) => void) {
  const argv = aptArgv(who, args);
  if (!argv) throw new Error('unreachable: apt-get without privilege');
  log(`› ${argv.join(' ')}`);
  const [cmd, ...rest] = argv as [string, ...string[]];
  return runCapture(cmd, rest);
}

/** Path of the binary, installing its package first if need be (`apt-get update` only when the install asks for it). */
export async function ensureDebianBinary(spec: DebianBinary): Promise<string> {
  const found = findBinary(spec.binary, spec.knownPaths);
  if (found) return found;

  const who = await privilege();
  if (who === 'none') throw new Error(cannotInstallMessage(spec.binary, spec.pkg));
  const started = Date.now();
  spec.log(`${spec.binary} not found: installing the Debian package ${spec.pkg}…`);
  let result = await apt(who, installArgs(spec.pkg), spec.log);
  if (result.code !== 0 && failedForLackOfLists(result.output)) {
    const update = await apt(who, UPDATE_ARGS, spec.log);
    if (update.code !== 0) throw new Error(`apt-get update failed:\n${update.output.trim().slice(-2000)}`);
    result = await apt(who, installArgs(spec.pkg), spec.log);
  }
  if (result.code !== 0) {
    throw new Error(`apt-get install ${spec.pkg} failed (exit ${result.code}):\n${result.output.trim().slice(-2000)}`);
  }
  const installed = findBinary(spec.binary, spec.knownPaths);
  if (!installed) throw new Error(`installed ${spec.pkg} but still no ${spec.binary} in ${spec.knownPaths.join(', ')} or PATH`);
  spec.log(`installed ${spec.pkg} in ${((Date.now() - started) / 1000).toFixed(1)} s (${installed})`);
  return installed;
}
