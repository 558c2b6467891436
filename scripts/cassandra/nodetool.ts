/** nodetool against one node of a data dir, with the cached jars (Cassandra's own nodetool script is not there). */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureCassandraInstalled, findCassandraJava, type LogFn } from './install';
import { NODETOOL_LOGBACK_XML, nodetoolJvmArgs } from './jvm-args';
import { nodePaths, readNodeState } from './layout';

/**
 * Runs `org.apache.cassandra.tools.NodeTool -h 127.0.0.1 -p <jmx port of node N> <args…>` with the cached jars,
 * output inherited. Resolves with nodetool's exit code.
 */
export async function runNodetool(
  dataDir: string,
  args: string[],
  opts: { node?: number; javaHome?: string; log?: LogFn } = {},
): Promise<number> {
  const index = opts.node ?? 1;
  const state = readNodeState(nodePaths(path.resolve(dataDir), index));
  if (!state) throw new Error(`no node${index}/node.json under ${path.resolve(dataDir)}: start the cluster first`);
  // the jars and java the node was started with, unless they have gone since
  const libDir = fs.existsSync(state.libDir) ? state.libDir : await ensureCassandraInstalled({ log: opts.log });
  const java = opts.javaHome
    ? findCassandraJava(opts.javaHome).bin
    : fs.existsSync(state.java)
      ? state.java
      : findCassandraJava().bin;
  const logbackFile = path.join(os.tmpdir(), 'runcoach-cassandra-logback-tools.xml');
  await fsp.writeFile(logbackFile, NODETOOL_LOGBACK_XML);
  const storageDir = path.join(os.tmpdir(), 'cassandra-nodetool');
  const jvm = nodetoolJvmArgs({ libDir, logbackFile, storageDir, jmxPort: state.jmxPort, args });
  return new Promise((resolve, reject) => {
    const child = spawn(java, jvm, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
