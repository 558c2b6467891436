/**
 * KRaft storage: the cluster id and controller directory ids (made once per data dir with StorageTool
 * random-uuid, kept in cluster.json so restarts reuse them) and `StorageTool format` of each broker's log dir.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { runCapture } from '../lib/jvm/run-capture';
import { initialControllers, parseUuid, type BrokerCount, type BrokerSpec } from './config';
import { brokerPaths, isFormatted, readClusterFile, writeClusterFile, type ClusterFile } from './layout';

export interface Tools {
  java: string;
  libDir: string;
  /** A log4j2 config for the tool's own logging (a broker's: its lines then land in that broker's server.log). */
  log4j2: string;
}

async function storageTool(t: Tools, args: readonly string[]): Promise<string> {
  const r = await runCapture(t.java, [
    '-Xmx256m',
    `-Dlog4j2.configurationFile=${t.log4j2}`,
    '-cp',
    path.join(t.libDir, '*'),
    'kafka.tools.StorageTool',
    ...args,
  ]);
  if (r.code !== 0) {
    const tail = r.output.trim().split('\n').slice(-20).join('\n');
    throw new Error(`StorageTool ${args[0]} failed (exit ${r.code}):\n${tail}`);
  }
  return r.stdout;
}

/**
 * The data dir's cluster.json if it has one (null for a new data dir). Refuses a data dir made for another broker
 * count or port: the controllers' addresses are part of the formatted quorum and cannot simply change.
 */
export function checkClusterFile(dataDir: string, p: { brokers: BrokerCount; port: number }): ClusterFile | null {
  const existing = readClusterFile(dataDir);
  if (existing) {
    if (existing.brokers !== p.brokers || existing.port !== p.port) {
      throw new Error(
        `${dataDir} holds a ${existing.brokers}-broker cluster on port ${existing.port}; start it with ` +
          `--brokers ${existing.brokers} --port ${existing.port}, or use another (or an emptied) data dir`,
      );
    }
    return existing;
  }
  for (let n = 1; n <= 3; n++) {
    if (isFormatted(brokerPaths(dataDir, n))) {
      throw new Error(`${dataDir}/broker${n} is formatted but ${dataDir}/cluster.json is missing; empty the data dir`);
    }
  }
  return null;
}

/** Makes the ids of a new cluster (cluster id; one directory id per controller for 3 brokers) and saves them. */
export async function createClusterFile(
  dataDir: string,
  p: { brokers: BrokerCount; port: number; version: string },
  tools: Tools,
): Promise<ClusterFile> {
  // one JVM per uuid (~0.5 s each), in parallel; only ever on the first start of a data dir
  const count = p.brokers === 3 ? 4 : 1;
  const ids = await Promise.all(
    Array.from({ length: count }, async () => parseUuid(await storageTool(tools, ['random-uuid']))),
  );
  const file: ClusterFile = {
    clusterId: ids[0] ?? '',
    brokers: p.brokers,
    port: p.port,
    directoryIds: ids.slice(1),
    version: p.version,
    createdAt: new Date().toISOString(),
  };
  await writeClusterFile(dataDir, file);
  return file;
}

/**
 * Formats the log dirs of `specs` that are not formatted yet: `--standalone` for one broker, otherwise the same
 * `--initial-controllers` string (all three controllers with their directory ids) on every broker.
 */
export async function ensureFormatted(
  dataDir: string,
  cluster: ClusterFile,
  specs: readonly BrokerSpec[],
  tools: Omit<Tools, 'log4j2'>,
  log: (line: string) => void,
): Promise<void> {
  const quorum =
    cluster.brokers === 1
      ? ['--standalone']
      : ['--initial-controllers', initialControllers(specs, cluster.directoryIds)];
  await Promise.all(
    specs.map(async (s) => {
      const paths = brokerPaths(dataDir, s.nodeId);
      if (isFormatted(paths)) return;
      await fsp.mkdir(paths.logDir, { recursive: true });
      const out = await storageTool({ ...tools, log4j2: paths.log4j2 }, [
        'format',
        '--cluster-id',
        cluster.clusterId,
        '--config',
        paths.properties,
        ...quorum,
      ]);
      log(`broker${s.nodeId}: ${out.trim().split('\n').pop() ?? 'formatted'}`);
    }),
  );
}
