/** Finding a Java runtime of the right major version for the JVM launchers (Cassandra: 17 or 11; Kafka: 17+). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface JavaInfo {
  bin: string;
  major: number;
}

/** `java -version` → major version (8 for "1.8.0"), or null if it does not run. */
export function javaMajor(bin: string): number | null {
  const r = spawnSync(bin, ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  if (!m?.[1]) return null;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
}

export interface JavaRequirement {
  /** Explicit Java home: used as is, or an error if its version does not fit. */
  javaHome?: string;
  /** Environment variables naming a Java home, looked at first in this order (e.g. CASSANDRA_JAVA_HOME, JAVA_HOME). */
  homeEnv: readonly string[];
  /** Which majors work at all. */
  accepts: (major: number) => boolean;
  /** Majors in order of preference; the first one found ends the search early. */
  preferred: readonly number[];
  /** For error messages, e.g. "Cassandra 5.0 needs Java 17 (or 11)". */
  requirement: string;
}

/**
 * Finds a fitting Java: `javaHome`, then the `homeEnv` homes, `java` on the PATH, then /usr/lib/jvm/*.
 * Among the candidates that fit, the most preferred major wins, then the first found.
 */
export function findJava(req: JavaRequirement): JavaInfo {
  if (req.javaHome) {
    const bin = path.join(req.javaHome, 'bin', 'java');
    const major = javaMajor(bin);
    if (major === null || !req.accepts(major)) throw new Error(`${bin} is Java ${major ?? '?'}; ${req.requirement}`);
    return { bin, major };
  }
  const candidates: string[] = [];
  for (const env of req.homeEnv) {
    const home = process.env[env];
    if (home) candidates.push(path.join(home, 'bin', 'java'));
  }
  candidates.push('java');
  try {
    for (const d of fs.readdirSync('/usr/lib/jvm').sort()) candidates.push(path.join('/usr/lib/jvm', d, 'bin', 'java'));
  } catch {
    /* no /usr/lib/jvm */
  }
  const found: JavaInfo[] = [];
  const best = req.preferred[0];
  for (const bin of candidates) {
    const major = javaMajor(bin);
    if (major === null) continue;
    found.push({ bin, major });
    if (major === best) return { bin, major };
  }
  const rank = (m: number): number => {
    const i = req.preferred.indexOf(m);
    return i < 0 ? req.preferred.length : i;
  };
  const fitting = found.filter((j) => req.accepts(j.major)).sort((a, b) => rank(a.major) - rank(b.major));
  if (fitting[0]) return fitting[0];
  throw new Error(
    `no suitable Java found (${req.requirement}); saw: ${
      found.map((j) => `${j.bin}=${j.major}`).join(', ') || 'none'
    }. Set ${req.homeEnv[0] ?? 'JAVA_HOME'}.`,
  );
}
