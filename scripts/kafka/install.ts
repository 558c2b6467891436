/** The Kafka jars (fetched once per machine from Maven Central) and the Java that runs them. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findJava, type JavaInfo } from '../lib/jvm/java';
import { ensureMavenLib, readPomProperty, runcoachCacheDir, type InstallOptions } from '../lib/jvm/maven-classpath';

export type { InstallOptions, JavaInfo };

/** The fetch-only POM; its `kafka.version` property is the single source of the version. */
export const POM_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pom.xml');

export const defaultLog = (line: string): void => console.log(`[kafka] ${line}`);

/** The Kafka version pinned in scripts/kafka/pom.xml. */
export const kafkaVersion = (): string => readPomProperty(POM_PATH, 'kafka.version');

/** `${XDG_CACHE_HOME:-$HOME/.cache}/runcoach/kafka-<version>` — shared by every clone on this machine. */
export function defaultCacheDir(version: string = kafkaVersion()): string {
  return runcoachCacheDir('kafka', version);
}

/** Makes sure the broker jars are in the cache (Maven on the first call only) and returns `<cacheDir>/lib`. */
export function ensureKafkaInstalled(opts: InstallOptions = {}): Promise<string> {
  const version = kafkaVersion();
  return ensureMavenLib(
    {
      product: 'Kafka',
      version,
      pomPath: POM_PATH,
      cacheDir: opts.cacheDir ?? defaultCacheDir(version),
      mainJar: `kafka_2.13-${version}.jar`,
      // without the SLF4J→log4j2 binding the broker runs but writes no server.log
      missing: (jars) => (jars.some((j) => /^log4j-slf4j2?-impl-.*\.jar$/.test(j)) ? null : 'log4j-slf4j-impl-*.jar'),
    },
    { ...opts, log: opts.log ?? defaultLog },
  );
}

/** Kafka 4 brokers need Java 17 or newer: `javaHome`, $KAFKA_JAVA_HOME, $JAVA_HOME, `java`, /usr/lib/jvm/*. */
export function findKafkaJava(javaHome?: string): JavaInfo {
  return findJava({
    javaHome,
    homeEnv: ['KAFKA_JAVA_HOME', 'JAVA_HOME'],
    accepts: (m) => m >= 17,
    preferred: [17, 21],
    requirement: 'Kafka 4 needs Java 17 or newer',
  });
}
