/**
 * Local Cassandra 5.0 without Docker (see README.md next to this file).
 *
 *   tsx scripts/cassandra/cli.ts start [--nodes 1|2|3] [--data-dir .data/cassandra] [--port 9042]
 *                                      [--storage-port N] [--jmx-port N] [--heap 1G] [--cluster-name runcoach]
 *                                      [--timeout 180] [--detach]
 *   tsx scripts/cassandra/cli.ts stop    [--data-dir …]
 *   tsx scripts/cassandra/cli.ts status  [--data-dir …]
 *   tsx scripts/cassandra/cli.ts nodetool [--data-dir …] [--node N] <nodetool args…>
 *   tsx scripts/cassandra/cli.ts fetch   (only download the jars)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommandLine } from '../lib/command-line';
import { stayInForeground } from '../lib/jvm/foreground';
import {
  cassandraVersion,
  clusterStatus,
  defaultCacheDir,
  ensureCassandraInstalled,
  queryReleaseVersion,
  runNodetool,
  startCluster,
  stopCluster,
  type Cluster,
} from './launcher';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.data', 'cassandra');

const USAGE = `usage: tsx scripts/cassandra/cli.ts <command> [options]

commands:
  start     start (or reuse) a local cluster; stays in the foreground and stops it on Ctrl-C unless --detach
  stop      stop the nodes of a data dir (via their pid files)
  status    show the nodes of a data dir
  nodetool  run nodetool against a node:  nodetool [--data-dir D] [--node N] status
  fetch     only fetch the Cassandra jars into the cache

options:
  --data-dir D        default ${path.relative(process.cwd(), DEFAULT_DATA_DIR) || '.'} (relative paths: from the cwd)
  --nodes N           1, 2 or 3 (start; default 1). Node N listens on 127.0.0.N
  --port P            CQL port of every node (default 9042)
  --storage-port P    default 7000 + (port - 9042)
  --jmx-port P        JMX port of node 1; node N uses P + N - 1 (default 7199 + (port - 9042))
  --heap SIZE         max heap per node (default 1G)
  --cluster-name S    default runcoach
  --timeout SECONDS   start-up timeout per node (default 180)
  --detach            start: return once up and leave the nodes running
  --node N            nodetool: which node (default 1)
`;

interface Parsed {
  flags: Map<string, string | true>;
  rest: string[];
}

const VALUE_FLAGS = new Set([
  'data-dir',
  'nodes',
  'port',
  'storage-port',
  'jmx-port',
  'heap',
  'cluster-name',
  'timeout',
  'node',
]);
const BOOL_FLAGS = new Set(['detach', 'help']);

/** Parses our flags; with `stopAtPositional` the first non-flag (or `--`) ends parsing (for nodetool). */
function parseArgs(argv: string[], stopAtPositional: boolean): Parsed {
  const flags = new Map<string, string | true>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = m?.[1];
    if (name && (VALUE_FLAGS.has(name) || BOOL_FLAGS.has(name))) {
      if (BOOL_FLAGS.has(name)) {
        flags.set(name, true);
      } else {
        const value = m[2] ?? argv[++i];
        if (value === undefined) throw new Error(`--${name} needs a value`);
        flags.set(name, value);
      }
      continue;
    }
    if (stopAtPositional) {
      rest.push(...argv.slice(i));
      break;
    }
    throw new Error(`unknown argument: ${arg}`);
  }
  return { flags, rest };
}

function str(p: Parsed, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

function int(p: Parsed, name: string): number | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got ${v})`);
  return n;
}

function dataDirOf(p: Parsed): string {
  return path.resolve(str(p, 'data-dir') ?? DEFAULT_DATA_DIR);
}

const log = (line: string): void => console.log(`[cassandra] ${line}`);

async function cmdStart(p: Parsed): Promise<number> {
  const nodes = int(p, 'nodes') ?? 1;
  if (nodes !== 1 && nodes !== 2 && nodes !== 3) throw new Error('--nodes must be 1, 2 or 3');
  const timeout = int(p, 'timeout');
  const detach = p.flags.get('detach') === true;
  const dataDir = dataDirOf(p);

  const cluster: Cluster = await startCluster({
    nodes,
    dataDir,
    nativePort: int(p, 'port'),
    storagePort: int(p, 'storage-port'),
    jmxPortBase: int(p, 'jmx-port'),
    heap: str(p, 'heap'),
    clusterName: str(p, 'cluster-name'),
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    detach,
    log,
  });

  const contact = cluster.contactPoints.join(',');
  log(`Cassandra ${cluster.releaseVersion} ready — ${cluster.nodes.length} node(s), data dir ${dataDir}`);
  log(`  CASSANDRA_CONTACT_POINTS=${contact} CASSANDRA_LOCAL_DC=${cluster.localDataCenter}`);

  if (detach) {
    log(`left running in the background; stop with: tsx scripts/cassandra/cli.ts stop --data-dir ${dataDir}`);
    return 0;
  }
  if (cluster.nodes.every((n) => n.reused)) {
    log('it was already running (started by another process), so it is left as it is; nothing to attach to');
    return 0;
  }
  log('press Ctrl-C to stop it');

  return stayInForeground({
    kind: 'node',
    servers: () => cluster.nodes.map((n) => ({ id: n.index, pid: n.pid, reused: n.reused, logFile: n.systemLog })),
    stop: () => cluster.stop(),
    log,
  });
}

async function cmdStop(p: Parsed): Promise<number> {
  const dataDir = dataDirOf(p);
  const n = await stopCluster(dataDir, { log });
  log(n === 0 ? `nothing running under ${dataDir}` : `stopped ${n} node(s)`);
  return 0;
}

async function cmdStatus(p: Parsed): Promise<number> {
  const dataDir = dataDirOf(p);
  const nodes = await clusterStatus(dataDir);
  console.log(`Cassandra ${cassandraVersion()}, jars in ${defaultCacheDir()}`);
  if (nodes.length === 0) {
    console.log(`no nodes under ${dataDir}`);
    return 0;
  }
  console.log(`data dir ${dataDir}`);
  let anyDown = false;
  for (const n of nodes) {
    const s = n.state;
    let cql = '-';
    if (n.running && s) cql = (await queryReleaseVersion(s.address, s.nativePort)) ? 'answers' : 'not answering';
    if (!n.running) anyDown = true;
    console.log(
      `  node${n.index}  ${n.running ? `running pid ${n.pid}` : 'stopped'}` +
        (s ? `  ${s.address}:${s.nativePort}  storage ${s.storagePort}  jmx ${s.jmxPort}` : '') +
        `  cql ${cql}`,
    );
  }
  return anyDown ? 3 : 0;
}

async function cmdNodetool(p: Parsed): Promise<number> {
  if (p.rest.length === 0) throw new Error('nodetool needs arguments, e.g.: nodetool status');
  return runNodetool(dataDirOf(p), p.rest, { node: int(p, 'node'), log });
}

const parsed = (args: string[], stopAtPositional = false) => parseArgs(args, stopAtPositional);

runCommandLine('cassandra', USAGE, {
  start: (args) => cmdStart(parsed(args)),
  stop: (args) => cmdStop(parsed(args)),
  status: (args) => cmdStatus(parsed(args)),
  nodetool: (args) => cmdNodetool(parsed(args, true)),
  fetch: async () => {
    await ensureCassandraInstalled({ log });
    log(`jars ready in ${defaultCacheDir()}`);
    return 0;
  },
});
