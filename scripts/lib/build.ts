/**
 * Decides whether the production build (Next.js, then the service worker that precaches its output) is older
 * than the sources it was built from, and rebuilds both.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { run, type Environment } from "./processes";

const SOURCE_ROOTS = [
  "app",
  "server",
  "domain",
  "public",
  "seed",
  "next.config.mjs",
  "serwist.config.js",
  "package-lock.json",
  "tsconfig.json",
  "instrumentation.ts",
  "proxy.ts",
];

/**
 * The service worker is written into public/ by the build itself: neither it nor the change it makes to
 * public/'s own mtime (a directory's mtime moves when an entry is added or removed) counts as a newer source.
 */
const SERVICE_WORKER = path.join("public", "sw.js");
const BUILD_OUTPUTS = new Set([SERVICE_WORKER, `${SERVICE_WORKER}.map`]);
const BUILD_OUTPUT_DIRS = new Set([...BUILD_OUTPUTS].map((file) => path.dirname(file)));

function newestMtime(root: string, entry: string): number {
  if (BUILD_OUTPUTS.has(entry)) return 0;
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stats = statSync(full);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = BUILD_OUTPUT_DIRS.has(entry) ? 0 : stats.mtimeMs;
  for (const child of readdirSync(full)) newest = Math.max(newest, newestMtime(root, path.join(entry, child)));
  return newest;
}

export function buildIsStale(root = process.cwd()): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId) || !existsSync(path.join(root, SERVICE_WORKER))) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCE_ROOTS.some((entry) => newestMtime(root, entry) > builtAt);
}

/** Builds the app unless the existing build is newer than every source file. */
export async function ensureBuilt(env: Environment, options: { force?: boolean } = {}): Promise<void> {
  if (!options.force && !buildIsStale()) {
    console.log("› build is up to date");
    return;
  }
  const buildEnv = { ...env, NODE_ENV: "production" };
  console.log("› next build");
  const code = await run("node_modules/.bin/next", ["build"], buildEnv);
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  // After next build: the worker precaches what the build wrote (serwist.config.js).
  console.log("› serwist build");
  const swCode = await run("node_modules/.bin/serwist", ["build"], { ...buildEnv, NO_UPDATE_NOTIFIER: "1" });
  if (swCode !== 0) throw new Error(`serwist build failed (exit ${swCode})`);
}
