/** Decides whether the Next.js production build is older than the sources it was built from. */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { run, type Environment } from "./processes";

const SOURCE_ROOTS = ["app", "server", "domain", "public", "seed", "next.config.mjs", "package-lock.json", "tsconfig.json", "instrumentation.ts"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function buildIsStale(root = process.cwd()): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCE_ROOTS.some((entry) => newestMtime(path.join(root, entry)) > builtAt);
}

/** Builds the app unless the existing build is newer than every source file. */
export async function ensureBuilt(env: Environment, options: { force?: boolean } = {}): Promise<void> {
  if (!options.force && !buildIsStale()) {
    console.log("› build is up to date");
    return;
  }
  console.log("› next build");
  const code = await run("node_modules/.bin/next", ["build"], { ...env, NODE_ENV: "production" });
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
}
