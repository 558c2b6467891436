/**
 * Where things live in a Kafka data dir, and the small JSON files that let any process (CLI stop/status, a later
 * start that reuses running brokers) find a cluster again:
 *
 *   <dataDir>/cluster.json              cluster id, broker count, port, controller directory ids (written once)
 *   <dataDir>/broker<N>/server.properties, log4j2.xml   regenerated on every start
 *   <dataDir>/broker<N>/data/           log.dirs (formatted once: data/meta.properties)
 *   <dataDir>/broker<N>/logs/server.log INFO+ (log4j2, rolled at 20 MB)
 *   <dataDir>/broker<N>/logs/console.log JVM stdout/stderr (WARN+ and JVM errors)
 *   <dataDir>/broker<N>/kafka.pid       pid of the JVM while it runs
 *   <dataDir>/broker<N>/broker.json     host/ports of that broker, how it was started
 */
import fs from 'node:fs';
import path from 'node:path';
import { numberedDirs, readJsonFile, writeJsonFile } from '../lib/jvm/data-dir';
import type { BrokerCount } from './config';

export interface BrokerPaths {
  dir: string;
  logDir: string;
  logs: string;
  serverLog: string;
  consoleLog: string;
  properties: string;
  log4j2: string;
  pidFile: string;
  stateFile: string;
}

export function brokerPaths(dataDir: string, nodeId: number): BrokerPaths {
  const dir = path.join(dataDir, `broker${nodeId}`);
  const logs = path.join(dir, 'logs');
  return {
    dir,
    logDir: path.join(dir, 'data'),
    logs,
    serverLog: path.join(logs, 'server.log'),
    consoleLog: path.join(logs, 'console.log'),
    properties: path.join(dir, 'server.properties'),
    log4j2: path.join(dir, 'log4j2.xml'),
    pidFile: path.join(dir, 'kafka.pid'),
    stateFile: path.join(dir, 'broker.json'),
  };
}

/** The identity of a cluster: fixed when its data dir is first formatted. */
export interface ClusterFile {
  clusterId: string;
  brokers: BrokerCount;
  port: number;
  /** One per controller (3 brokers only): the directory ids in `--initial-controllers`. */
  directoryIds: string[];
  version: string;
  createdAt: string;
}

export interface BrokerState {
  nodeId: number;
  host: string;
  port: number;
  controllerPort: number;
  clusterId: string;
  version: string;
  libDir: string;
  java: string;
  detached: boolean;
  startedAt: string;
}

export const clusterFilePath = (dataDir: string): string => path.join(dataDir, 'cluster.json');
export const readClusterFile = (dataDir: string): ClusterFile | null =>
  readJsonFile<ClusterFile>(clusterFilePath(dataDir));
export const writeClusterFile = (dataDir: string, c: ClusterFile): Promise<void> =>
  writeJsonFile(clusterFilePath(dataDir), c);

export const readBrokerState = (p: BrokerPaths): BrokerState | null => readJsonFile<BrokerState>(p.stateFile);
export const writeBrokerState = (p: BrokerPaths, s: BrokerState): Promise<void> => writeJsonFile(p.stateFile, s);

/** Has StorageTool format run on this broker's log dir? */
export const isFormatted = (p: BrokerPaths): boolean => fs.existsSync(path.join(p.logDir, 'meta.properties'));

/** The node ids of the broker<N> dirs that exist under dataDir. */
export const brokerDirs = (dataDir: string): Promise<number[]> => numberedDirs(dataDir, 'broker');
