/**
 * Local Kafka 4 without Docker (see README.md next to this file).
 *
 *   tsx scripts/kafka/cli.ts start  [--brokers 1|3] [--data-dir .data/kafka] [--port 9092] [--heap-mb 512]
 *                                   [--timeout 120] [--detach]
 *   tsx scripts/kafka/cli.ts stop   [--data-dir …]
 *   tsx scripts/kafka/cli.ts status [--data-dir …]
 *   tsx scripts/kafka/cli.ts topics [--data-dir …]
 *   tsx scripts/kafka/cli.ts fetch  (only download the jars)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCommandLine } from '../lib/command-line';
import { stayInForeground } from '../lib/jvm/foreground';
import { tcpAnswers } from '../lib/jvm/ports';
import {
  defaultCacheDir,
  describeTopics,
  ensureKafkaInstalled,
  kafkaStatus,
  kafkaVersion,
  startKafka,
  stopKafka,
  type KafkaCluster,
} from './launcher';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.data', 'kafka');

const USAGE = `usage: tsx scripts/kafka/cli.ts <command> [options]   (or: npm run kafka -- <command> …)

commands:
  start    start (or reuse) local brokers; stays in the foreground and stops them on Ctrl-C unless --detach
  stop     stop the brokers of a data dir (via their pid files)
  status   show the brokers of a data dir (exit 3 if one is down)
  topics   list the (non-internal) topics with partitions / replicas / in-sync replicas
  fetch    only fetch the Kafka jars into the cache

options:
  --data-dir D     default ${path.relative(process.cwd(), DEFAULT_DATA_DIR) || '.'} (relative paths: from the cwd)
  --brokers N      1 or 3 (start; default 1). Broker N listens on 127.0.0.N
  --port P         client port of every broker (default 9092); controllers use P + 1
  --heap-mb MB     max heap per broker (default $KAFKA_HEAP_MB or 512)
  --timeout S      start-up timeout in seconds (default 120)
  --detach         start: return once ready and leave the brokers running
`;

const log = (line: string): void => console.log(`[kafka] ${line}`);

type Flags = Partial<Record<'data-dir' | 'brokers' | 'port' | 'heap-mb' | 'timeout', string>> &
  Partial<Record<'detach' | 'help', boolean>>;

function positiveInt(flags: Flags, name: 'brokers' | 'port' | 'heap-mb' | 'timeout'): number | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got ${v})`);
  return n;
}

const dataDirOf = (flags: Flags): string => path.resolve(flags['data-dir'] ?? DEFAULT_DATA_DIR);

async function cmdStart(flags: Flags): Promise<number> {
  const brokers = positiveInt(flags, 'brokers') ?? 1;
  if (brokers !== 1 && brokers !== 3) throw new Error('--brokers must be 1 or 3');
  const timeout = positiveInt(flags, 'timeout');
  const detach = flags.detach === true;
  const dataDir = dataDirOf(flags);
  const cluster: KafkaCluster = await startKafka({
    dataDir,
    brokers,
    port: positiveInt(flags, 'port'),
    heapMb: positiveInt(flags, 'heap-mb'),
    startTimeoutMs: timeout === undefined ? undefined : timeout * 1000,
    detach,
    log,
  });
  const what = `${cluster.brokers.length} broker(s), cluster id ${cluster.clusterId}, data dir ${dataDir}`;
  log(`Kafka ${cluster.version} ready — ${what}`);
  log(`  KAFKA_BROKERS=${cluster.bootstrapServers.join(',')}`);
  if (detach) {
    log(`left running in the background; stop with: npm run kafka -- stop --data-dir ${dataDir}`);
    return 0;
  }
  if (cluster.brokers.every((b) => b.reused)) {
    log('it was already running (started by another process), so it is left as it is; nothing to attach to');
    return 0;
  }
  log('press Ctrl-C to stop it');
  return stayInForeground({
    kind: 'broker',
    servers: () => cluster.brokers.map((b) => ({ id: b.nodeId, pid: b.pid, reused: b.reused, logFile: b.serverLog })),
    stop: () => cluster.stop(),
    log,
  });
}

async function cmdStop(flags: Flags): Promise<number> {
  const dataDir = dataDirOf(flags);
  const n = await stopKafka(dataDir, { log });
  log(n === 0 ? `nothing running under ${dataDir}` : `stopped ${n} broker(s)`);
  return 0;
}

async function cmdStatus(flags: Flags): Promise<number> {
  const dataDir = dataDirOf(flags);
  const brokers = await kafkaStatus(dataDir);
  console.log(`Kafka ${kafkaVersion()}, jars in ${defaultCacheDir()}`);
  if (brokers.length === 0) {
    console.log(`no brokers under ${dataDir}`);
    return 0;
  }
  console.log(`data dir ${dataDir}`);
  let anyDown = false;
  for (const b of brokers) {
    const s = b.state;
    if (!b.running) anyDown = true;
    const port = b.running && s ? ((await tcpAnswers(s.host, s.port)) ? 'answers' : 'not answering') : '-';
    const where = s ? `  ${s.host}:${s.port}  controller ${s.controllerPort}` : '';
    console.log(`  broker${b.nodeId}  ${b.running ? `running pid ${b.pid}` : 'stopped'}${where}  client port ${port}`);
  }
  return anyDown ? 3 : 0;
}

async function cmdTopics(flags: Flags): Promise<number> {
  const dataDir = dataDirOf(flags);
  const running = (await kafkaStatus(dataDir)).filter((b) => b.running);
  const bootstrap = running.flatMap((b) => (b.state ? [`${b.state.host}:${b.state.port}`] : []));
  if (bootstrap.length === 0) throw new Error(`no running broker under ${dataDir}: start it first`);
  const topics = await describeTopics(bootstrap);
  if (topics.length === 0) console.log('no topics');
  const width = Math.max(5, ...topics.map((t) => t.name.length));
  if (topics.length) console.log(`${'topic'.padEnd(width)}  partitions  replicas  min-isr  leaders`);
  for (const t of topics) {
    const cols = [String(t.partitions).padStart(10), String(t.replicas).padStart(8), String(t.minIsr).padStart(7)];
    console.log(`${t.name.padEnd(width)}  ${cols.join('  ')}  ${t.leaders.join(',')}`);
  }
  return 0;
}

function flagsOf(args: string[]): Flags {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      brokers: { type: 'string' },
      port: { type: 'string' },
      'heap-mb': { type: 'string' },
      timeout: { type: 'string' },
      detach: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  return values as Flags;
}

runCommandLine('kafka', USAGE, {
  start: (args) => cmdStart(flagsOf(args)),
  stop: (args) => cmdStop(flagsOf(args)),
  status: (args) => cmdStatus(flagsOf(args)),
  topics: (args) => cmdTopics(flagsOf(args)),
  fetch: async () => {
    await ensureKafkaInstalled({ log });
    log(`jars ready in ${defaultCacheDir()}`);
    return 0;
  },
});
