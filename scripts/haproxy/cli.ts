/**
 * HAProxy in front of the app and upload servers, by hand (see README.md next to this file).
 *
 *   tsx scripts/haproxy/cli.ts check   [--port 8080] [--app 3000,3002] [--upload 3001,3003] [--stats-port P]
 *   tsx scripts/haproxy/cli.ts start   [same options] [--run-dir .data/haproxy] [--bind 127.0.0.1] [--log-requests]
 *   tsx scripts/haproxy/cli.ts status  [--run-dir .data/haproxy]
 *   tsx scripts/haproxy/cli.ts install
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCommandLine } from '../lib/command-line';
import { runCapture } from '../lib/jvm/run-capture';
import { haproxyConfig, type BackendServer } from './config';
import { ensureHaproxy, startHaproxy } from './launcher';
import { runtimeCommand } from './runtime-socket';
import { parseShowStat, serverRows } from './stat-csv';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_RUN_DIR = path.join(REPO_ROOT, '.data', 'haproxy');

const USAGE = `usage: tsx scripts/haproxy/cli.ts <command> [options]

commands:
  check     print the haproxy.cfg for these servers and have haproxy -c check it
  start     run HAProxy in the foreground until Ctrl-C, printing server state changes
  status    the servers' states of a running HAProxy (via <run-dir>/haproxy.sock); exit 3 if one is not UP
  install   only make sure haproxy is installed (apt-get install haproxy)

options:
  --port P          public port (default 8080)
  --app PORTS       app servers on 127.0.0.1, comma-separated ports (default 3000)
  --upload PORTS    upload API instances on 127.0.0.1 (default none: the app answers uploads too)
  --stats-port P    stats page on 127.0.0.1:P (/ and /metrics)
  --bind ADDR       public address (default 127.0.0.1)
  --run-dir D       config, log and socket (default ${path.relative(process.cwd(), DEFAULT_RUN_DIR) || '.'})
  --log-requests    one line per request on the log
`;

const log = (line: string): void => console.log(`[haproxy] ${line}`);

const OPTIONS = {
  port: { type: 'string' },
  app: { type: 'string' },
  upload: { type: 'string' },
  'stats-port': { type: 'string' },
  bind: { type: 'string' },
  'run-dir': { type: 'string' },
  'log-requests': { type: 'boolean' },
} as const;

function flags(args: string[]) {
  return parseArgs({ args, options: OPTIONS, allowPositionals: false }).values;
}

function port(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`--${name}: bad port ${value}`);
  return n;
}

/** `3000,3002` → app1 on 3000, app2 on 3002. */
function servers(list: string | undefined, prefix: string, fallback: string): BackendServer[] {
  const ports = (list ?? fallback).split(',').filter(Boolean);
  return ports.map((p, i) => ({ name: `${prefix}${i + 1}`, host: '127.0.0.1', port: port(p, prefix) as number }));
}

function configOptions(f: ReturnType<typeof flags>) {
  return {
    port: port(f.port, 'port') ?? 8080,
    bindAddress: f.bind,
    appServers: servers(f.app, 'app', '3000'),
    uploadServers: servers(f.upload, 'upload', ''),
    statsPort: port(f['stats-port'], 'stats-port'),
    logRequests: f['log-requests'] ?? false,
  };
}

async function cmdCheck(args: string[]): Promise<number> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'haproxy-check-'));
  try {
    const text = haproxyConfig({ ...configOptions(flags(args)), statsSocketPath: path.join(dir, 'haproxy.sock') });
    process.stdout.write(text);
    const file = path.join(dir, 'haproxy.cfg');
    await fs.writeFile(file, text);
    const result = await runCapture(await ensureHaproxy(log), ['-c', '-f', file]);
    console.error(result.output.trim());
    return result.code === 0 ? 0 : 1;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function cmdStart(args: string[]): Promise<number> {
  const f = flags(args);
  const haproxy = await startHaproxy({ ...configOptions(f), runDir: f['run-dir'] ?? DEFAULT_RUN_DIR, log });
  log(`listening on ${haproxy.url} — Ctrl-C stops it`);
  let last = '';
  const poll = setInterval(() => {
    void haproxy.serverStates().then(
      (states) => {
        const now = Object.entries(states).map(([server, status]) => `${server} ${status}`).join(', ');
        if (now !== last) log((last = now));
      },
      () => undefined,
    );
  }, 500);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  clearInterval(poll);
  await haproxy.stop();
  return 0;
}

async function cmdStatus(args: string[]): Promise<number> {
  const socket = path.join(path.resolve(flags(args)['run-dir'] ?? DEFAULT_RUN_DIR), 'haproxy.sock');
  const rows = serverRows(parseShowStat(await runtimeCommand(socket, 'show stat')));
  for (const [server, row] of Object.entries(rows)) {
    console.log(`${server.padEnd(24)} ${(row.status ?? '').padEnd(10)} ${row.check_status ?? ''} ${row.addr ?? ''}`);
  }
  return Object.values(rows).every((row) => row.status === 'UP') ? 0 : 3;
}

async function cmdInstall(): Promise<number> {
  log(`haproxy: ${await ensureHaproxy(log)}`);
  return 0;
}

runCommandLine('haproxy', USAGE, { check: cmdCheck, start: cmdStart, status: cmdStatus, install: cmdInstall });
