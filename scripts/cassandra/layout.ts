/**
 * Where things live in a Cassandra data dir (absolute path given by the caller), and the state file that lets any
 * process (CLI stop/status/nodetool, a later start that reuses running nodes) find a node again:
 *
 *   <dataDir>/node<N>/{data,commitlog,hints,saved_caches,cdc_raw,logs,conf}
 *   <dataDir>/node<N>/conf/cassandra.yaml, conf/logback.xml   regenerated on every start
 *   <dataDir>/node<N>/cassandra.pid   pid of the JVM (written right after spawn)
 *   <dataDir>/node<N>/node.json       ports/addresses of that node (read by `status`, `nodetool`, reuse)
 *   <dataDir>/node<N>/logs/system.log INFO+ (logback, rolled at 20 MB)
 *   <dataDir>/node<N>/logs/console.log stdout/stderr of the JVM (WARN+ and JVM errors)
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { numberedDirs, readJsonFile, writeJsonFile } from '../lib/jvm/data-dir';

export interface NodePaths {
  dir: string;
  conf: string;
  yamlFile: string;
  logbackFile: string;
  logs: string;
  pidFile: string;
  stateFile: string;
  consoleLog: string;
  systemLog: string;
}

export function nodePaths(dataDir: string, index: number): NodePaths {
  const dir = path.join(dataDir, `node${index}`);
  const conf = path.join(dir, 'conf');
  const logs = path.join(dir, 'logs');
  return {
    dir,
    conf,
    yamlFile: path.join(conf, 'cassandra.yaml'),
    logbackFile: path.join(conf, 'logback.xml'),
    logs,
    pidFile: path.join(dir, 'cassandra.pid'),
    stateFile: path.join(dir, 'node.json'),
    consoleLog: path.join(logs, 'console.log'),
    systemLog: path.join(logs, 'system.log'),
  };
}

/** What cassandra.yaml points at (data, commit log, hints, caches, CDC), and our logs and config. */
const NODE_SUBDIRS = ['data', 'commitlog', 'hints', 'saved_caches', 'cdc_raw', 'logs', 'conf'] as const;

export async function makeNodeDirs(p: NodePaths): Promise<void> {
  for (const d of NODE_SUBDIRS) await fsp.mkdir(path.join(p.dir, d), { recursive: true });
}

/** Saved next to each node's pid file when it is spawned. */
export interface NodeState {
  index: number;
  address: string;
  nativePort: number;
  storagePort: number;
  jmxPort: number;
  clusterName: string;
  version: string;
  libDir: string;
  java: string;
  detached: boolean;
  startedAt: string;
}

export const readNodeState = (p: NodePaths): NodeState | null => readJsonFile<NodeState>(p.stateFile);
export const writeNodeState = (p: NodePaths, s: NodeState): Promise<void> => writeJsonFile(p.stateFile, s);

/** The N of the node<N> dirs that exist under dataDir, ascending. */
export const nodeDirs = (dataDir: string): Promise<number[]> => numberedDirs(dataDir, 'node');
