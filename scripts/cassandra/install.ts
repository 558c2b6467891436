/**
 * The Cassandra jars (fetched once per machine from Maven Central via pom.xml next to this file) and the Java that
 * runs them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findJava, type JavaInfo } from '../lib/jvm/java';
import {
  ensureMavenLib,
  readPomProperty,
  runcoachCacheDir,
  type InstallOptions as MavenInstallOptions,
} from '../lib/jvm/maven-classpath';

export type { JavaInfo };

/** The fetch-only POM; its `cassandra.version` property is the single source of the version. */
export const POM_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pom.xml');

export type LogFn = (line: string) => void;
export const defaultLog: LogFn = (line) => console.log(`[cassandra] ${line}`);

/** The Cassandra version pinned in scripts/cassandra/pom.xml. */
export const cassandraVersion = (): string => readPomProperty(POM_PATH, 'cassandra.version');

/** `${XDG_CACHE_HOME:-$HOME/.cache}/runcoach/cassandra-<version>` — shared by every clone on this machine. */
export function defaultCacheDir(version: string = cassandraVersion()): string {
  return runcoachCacheDir('cassandra', version);
}

export interface InstallOptions extends MavenInstallOptions {
  log?: LogFn;
}

const JAMM_JAR = /^jamm-.*\.jar$/;

/**
 * Makes sure the Cassandra jars are in the cache and returns the lib dir (`<cacheDir>/lib`).
 * The first call on a machine runs Maven (copy-dependencies, runtime scope); a marker file is written only after
 * a complete copy, so an interrupted fetch is redone next time.
 */
export async function ensureCassandraInstalled(opts: InstallOptions = {}): Promise<string> {
  const version = cassandraVersion();
  return ensureMavenLib(
    {
      product: 'Cassandra',
      version,
      pomPath: POM_PATH,
      cacheDir: opts.cacheDir ?? defaultCacheDir(version),
      mainJar: `cassandra-all-${version}.jar`,
      // every node runs with jamm as its -javaagent (Cassandra sizes objects in memory with it)
      missing: (jars) => (jars.some((j) => JAMM_JAR.test(j)) ? null : 'jamm-*.jar'),
    },
    { ...opts, log: opts.log ?? defaultLog },
  );
}

/** The jamm jar in the lib dir, for `-javaagent:`. */
export function jammJarOf(libDir: string): string {
  const jamm = fs.readdirSync(libDir).find((f) => JAMM_JAR.test(f));
  if (!jamm) throw new Error(`no jamm-*.jar in ${libDir}; delete ${path.dirname(libDir)} and retry`);
  return path.join(libDir, jamm);
}

/**
 * Finds a Java 17 (preferred) or 11 runtime: `javaHome`, $CASSANDRA_JAVA_HOME, $JAVA_HOME, `java` on PATH,
 * then /usr/lib/jvm/*. Cassandra 5.0 supports only 11 and 17 (and needs extra flags on 18+).
 */
export function findCassandraJava(javaHome?: string): JavaInfo {
  return findJava({
    javaHome,
    homeEnv: ['CASSANDRA_JAVA_HOME', 'JAVA_HOME'],
    accepts: (m) => m === 17 || m === 11,
    preferred: [17, 11],
    requirement: 'Cassandra 5.0 needs Java 17 (or 11)',
  });
}
