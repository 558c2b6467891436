/** nodetool against one node with the cached jars (Cassandra's own nodetool script is not there). */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCapture, type Captured } from '../lib/jvm/run-capture';
import { ensureCassandraInstalled, findCassandraJava, type LogFn } from './install';
import { NODETOOL_LOGBACK_XML, nodetoolJvmArgs } from './jvm-args';
import { nodePaths, readNodeState } from './layout';

/** The java and the jar dir to run nodetool with. */
export interface NodetoolTools {
  java: string;
  libDir: string;
}

/** The java arguments of `nodetool -p <jmxPort> <args…>`, with its quiet logback config written to the tmp dir. */
async function nodetoolCommand(libDir: string, jmxPort: number, args: readonly string[]): Promise<string[]> {
  const logbackFile = path.join(os.tmpdir(), 'runcoach-cassandra-logback-tools.xml');
  await fsp.writeFile(logbackFile, NODETOOL_LOGBACK_XML);
  const storageDir = path.join(os.tmpdir(), 'cassandra-nodetool');
  return nodetoolJvmArgs({ libDir, logbackFile, storageDir, jmxPort, args });
}

/** The java, jars and JMX port node N of a data dir was started with (the jars and java cached now, if those went). */
async function toolsOf(dataDir: string, opts: { node?: number; javaHome?: string; log?: LogFn }): Promise<NodetoolTools & { jmxPort: number }> {
  const index = opts.node ?? 1;
  const state = readNodeState(nodePaths(path.resolve(dataDir), index));
  if (!state) throw new Error(`no node${index}/node.json under ${path.resolve(dataDir)}: start the cluster first`);
  const libDir = fs.existsSync(state.libDir) ? state.libDir : await ensureCassandraInstalled({ log: opts.log });
  const java = opts.javaHome
    ? findCassandraJava(opts.javaHome).bin
    : fs.existsSync(state.java)
      ? state.java
      : findCassandraJava().bin;
  return { java, libDir, jmxPort: state.jmxPort };
}

/**
 * Runs `org.apache.cassandra.tools.NodeTool -h 127.0.0.1 -p <jmx port of node N> <args…>` with the cached jars,
 * output inherited. Resolves with nodetool's exit code.
 */
export async function runNodetool(
  dataDir: string,
  args: string[],
  opts: { node?: number; javaHome?: string; log?: LogFn } = {},
): Promise<number> {
  const tools = await toolsOf(dataDir, opts);
  const jvm = await nodetoolCommand(tools.libDir, tools.jmxPort, args);
  return new Promise((resolve, reject) => {
    const child = spawn(tools.java, jvm, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** nodetool against node N of a data dir, output captured (for a script that reads what it prints). */
export async function captureNodetoolOf(
  dataDir: string,
  args: readonly string[],
  opts: { node?: number; timeoutMs?: number; log?: LogFn } = {},
): Promise<Captured> {
  const tools = await toolsOf(dataDir, opts);
  return captureNodetool(tools, tools.jmxPort, args, opts.timeoutMs ?? 120_000);
}

/** nodetool against the node whose JMX port is `jmxPort`, output captured; rejects if it runs over `timeoutMs`. */
export async function captureNodetool(
  tools: NodetoolTools,
  jmxPort: number,
  args: readonly string[],
  timeoutMs: number,
): Promise<Captured> {
  return runCapture(tools.java, await nodetoolCommand(tools.libDir, jmxPort, args), undefined, timeoutMs);
}
