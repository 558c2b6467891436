/**
 * Fetches a server's jars from Maven Central into a per-machine cache, once: a fetch-only pom (one per launcher)
 * is resolved with `maven-dependency-plugin:copy-dependencies` (runtime scope) into `<cacheDir>/lib`, and a
 * `.complete` marker is written only after a full copy, so an interrupted fetch is redone next time.
 * The classpath is then `<cacheDir>/lib/*`.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isAlive } from './pid-files';
import { runCapture, type Captured } from './run-capture';

const MAVEN_DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.6.1';
const MARKER = '.complete';

const pomProperties = new Map<string, string>();

/** The text of `<name>…</name>` in a pom's properties (the single source of a launcher's version); read once. */
export function readPomProperty(pomPath: string, name: string): string {
  const key = `${pomPath}\0${name}`;
  const known = pomProperties.get(key);
  if (known !== undefined) return known;
  const pom = fs.readFileSync(pomPath, 'utf8');
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`<${esc}>\\s*([^<\\s]+)\\s*</${esc}>`).exec(pom);
  if (!m?.[1]) throw new Error(`cannot find <${name}> in ${pomPath}`);
  pomProperties.set(key, m[1]);
  return m[1];
}

/** `${XDG_CACHE_HOME:-$HOME/.cache}/runcoach/<product>-<version>` — shared by every clone on this machine. */
export function runcoachCacheDir(product: string, version: string): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'runcoach', `${product}-${version}`);
}

export interface InstallOptions {
  /** Where the jars go (`<cacheDir>/lib`). Default: the launcher's cache dir for its version. */
  cacheDir?: string;
  /** Maven executable. Default: `mvn` on PATH. */
  mvn?: string;
  /** Extra arguments for Maven, e.g. `-Dmaven.repo.local=/tmp/m2`. */
  mavenArgs?: string[];
  /** Re-fetch even if the cache is complete. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface MavenLibSpec {
  /** "Cassandra", "Kafka": for messages. */
  product: string;
  version: string;
  pomPath: string;
  cacheDir: string;
  /** The jar whose presence (with the marker) means the cache is complete, e.g. `kafka_2.13-4.1.1.jar`. */
  mainJar: string;
  /** Extra check of a fresh copy: returns what is missing, or null if it is complete. */
  missing?: (jars: readonly string[]) => string | null;
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.access(p);
    return true;
  } catch {
    return false;
  }
}

/** Makes sure the jars are in `<cacheDir>/lib` (running Maven on the first call) and returns that dir. */
export async function ensureMavenLib(spec: MavenLibSpec, opts: InstallOptions = {}): Promise<string> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const cacheDir = path.resolve(spec.cacheDir);
  const libDir = path.join(cacheDir, 'lib');
  const marker = path.join(cacheDir, MARKER);
  if (!opts.force && (await exists(marker)) && (await exists(path.join(libDir, spec.mainJar)))) return libDir;

  await fsp.mkdir(cacheDir, { recursive: true });
  await fsp.rm(marker, { force: true });
  const tmpLib = path.join(cacheDir, `lib.tmp-${process.pid}`);
  // leftovers of interrupted fetches (their process is gone)
  for (const e of await fsp.readdir(cacheDir)) {
    const m = /^lib\.tmp-(\d+)$/.exec(e);
    if (m?.[1] && (Number(m[1]) === process.pid || !isAlive(Number(m[1])))) {
      await fsp.rm(path.join(cacheDir, e), { recursive: true, force: true });
    }
  }

  log(`fetching ${spec.product} ${spec.version} from Maven Central (first run only)… → ${libDir}`);
  const started = Date.now();
  const args = [
    '-B',
    '-q',
    `${MAVEN_DEPENDENCY_PLUGIN}:copy-dependencies`,
    '-DincludeScope=runtime',
    `-DoutputDirectory=${tmpLib}`,
    '-f',
    spec.pomPath,
    ...(opts.mavenArgs ?? []),
  ];
  const mvn = opts.mvn ?? 'mvn';
  let result: Captured;
  try {
    result = await runCapture(mvn, args);
  } catch (err) {
    await fsp.rm(tmpLib, { recursive: true, force: true });
    throw new Error(`cannot run Maven (${mvn}): ${(err as Error).message}. Install Maven 3 or pass mvn.`);
  }
  if (result.code !== 0) {
    await fsp.rm(tmpLib, { recursive: true, force: true });
    const tail = result.output.trim().split('\n').slice(-40).join('\n');
    throw new Error(`Maven failed to fetch ${spec.product} ${spec.version} (exit ${result.code}):\n${tail}`);
  }
  const jars = (await fsp.readdir(tmpLib)).filter((f) => f.endsWith('.jar'));
  const lacks = jars.includes(spec.mainJar) ? (spec.missing?.(jars) ?? null) : spec.mainJar;
  if (lacks) {
    await fsp.rm(tmpLib, { recursive: true, force: true });
    throw new Error(`Maven finished but ${tmpLib} lacks ${lacks}; jars: ${jars.join(' ')}`);
  }
  await fsp.rm(libDir, { recursive: true, force: true });
  await fsp.rename(tmpLib, libDir);
  let bytes = 0;
  for (const j of jars) bytes += (await fsp.stat(path.join(libDir, j))).size;
  await fsp.writeFile(
    marker,
    JSON.stringify({ version: spec.version, jars: jars.length, bytes, fetchedAt: new Date().toISOString() }, null, 2) +
      '\n',
  );
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  log(`fetched ${jars.length} jars (${(bytes / 1048576).toFixed(0)} MB) in ${secs} s`);
  return libDir;
}
