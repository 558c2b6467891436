/**
 * Runs a real HAProxy (Debian's 2.6, installed on first use) in front of the app servers and the upload API
 * instances, without Docker: `haproxy -W -db` (master-worker, foreground) as a child of this Node process with a
 * watchdog, so it never outlives Node. See README.md next to this file.
 *
 * <runDir> holds haproxy.cfg (written on every start and reload), haproxy.log (its output) and haproxy.sock (the
 * runtime API, where serverStates() reads `show stat`).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { readFrom, tailLines } from '../lib/jvm/log-tail';
import { sleep } from '../lib/jvm/pid-files';
import { portFree, tcpAnswers } from '../lib/jvm/ports';
import { runCapture } from '../lib/jvm/run-capture';
import { haproxyConfig, resolveConfigOptions, type BackendServer, type HaproxyConfigOptions } from './config';
import { defaultLog, ensureHaproxy } from './install';
import { runtimeCommand } from './runtime-socket';
import { killServer, spawnServer, stopServer, type ServerProcess } from '../lib/server/server-process';
import { parseShowStat, serverRows, serverStatuses, type ServerStatus, type StatRow } from './stat-csv';

export { ensureHaproxy } from './install';
export type { BackendServer, ServerStatus, StatRow };

const DEFAULT_START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;

export interface StartHaproxyOptions extends Omit<HaproxyConfigOptions, 'statsSocketPath'> {
  /** Config, log and runtime socket go here (created if missing). Keep the path short: a socket path has ≤ 107 bytes. */
  runDir: string;
  log?: (line: string) => void;
  /** Until the public port accepts connections (default 15 000 ms). */
  startTimeoutMs?: number;
}

export interface ServerLists {
  appServers?: readonly BackendServer[];
  uploadServers?: readonly BackendServer[];
}

export interface Haproxy {
  /** `http://<host>:<port>` of the public port. */
  url: string;
  port: number;
  /** The master process (the same across reloads). */
  pid: number;
  configFile: string;
  logFile: string;
  socketPath: string;
  /** SIGTERM (HAProxy closes at once), SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash would (its worker notices the master's death and exits too). */
  kill(): Promise<void>;
  /** Rewrites the config (with new server lists if given), checks it, and reloads without dropping the port. */
  reload(servers?: ServerLists): Promise<void>;
  /** `backend/server` → status, e.g. `{ 'app/app1': 'UP', 'app/app2': 'DOWN', … }`. */
  serverStates(): Promise<Record<string, ServerStatus>>;
  /** `backend/server` → its whole `show stat` row (wretr: retries, wredis: redispatches, check_status, …). */
  serverStats(): Promise<Record<string, StatRow>>;
  /** Resolves with the ms it took once `backend/server` has `status`; rejects after timeoutMs. */
  waitForStatus(server: string, status: ServerStatus, timeoutMs: number): Promise<number>;
  /** One runtime API command (`disable server app/app1`, `show info`, …) and its answer. */
  command(line: string): Promise<string>;
}

/** The address a local client dials for a bind address (a wildcard bind is reached on loopback). */
function dialHost(bindAddress: string): string {
  if (bindAddress === '0.0.0.0' || bindAddress === '*') return '127.0.0.1';
  if (bindAddress === '::') return '::1';
  return bindAddress;
}

/** `haproxy -c`: the config's own error text (HAProxy's ALERT lines) when it is refused. */
async function checkConfig(bin: string, file: string): Promise<void> {
  const result = await runCapture(bin, ['-c', '-f', file]); // not -q: it silences the ALERT lines too
  if (result.code === 0) return;
  const alerts = result.output.split('\n').filter((l) => l.includes('[ALERT]'));
  throw new Error(`haproxy refused ${file}:\n${(alerts.length ? alerts : [result.output.trim()]).join('\n')}`);
}

async function writeCheckedConfig(bin: string, file: string, text: string): Promise<void> {
  const candidate = `${file}.new`;
  await fs.writeFile(candidate, text);
  await checkConfig(bin, candidate);
  await fs.rename(candidate, file);
}

async function failure(headline: string, proc: ServerProcess, logFile: string): Promise<Error> {
  const lines = await tailLines(logFile, proc.logOffset, 20);
  return new Error([headline, ...(lines.length ? [`--- last lines of ${logFile}:`, ...lines] : [])].join('\n'));
}

/** Starts HAProxy with a validated config; resolves once the public port accepts connections and the socket answers. */
export async function startHaproxy(opts: StartHaproxyOptions): Promise<Haproxy> {
  const log = opts.log ?? defaultLog;
  const runDir = path.resolve(opts.runDir);
  const configFile = path.join(runDir, 'haproxy.cfg');
  const logFile = path.join(runDir, 'haproxy.log');
  const socketPath = path.join(runDir, 'haproxy.sock');
  const { runDir: _runDir, log: _log, startTimeoutMs, ...configOptions } = opts;
  let current: HaproxyConfigOptions = { ...configOptions, statsSocketPath: socketPath };
  const resolved = resolveConfigOptions(current); // bad options fail before anything is installed or written
  const host = dialHost(resolved.bindAddress);

  const bin = await ensureHaproxy(log);
  await fs.mkdir(runDir, { recursive: true });
  for (const [port, what] of [[resolved.port, 'public'], ...(resolved.statsPort ? [[resolved.statsPort, 'stats']] : [])]) {
    // HAProxy binds with SO_REUSEPORT: a second HAProxy would share the port silently instead of failing
    if (!(await portFree(resolved.bindAddress, port as number))) {
      throw new Error(`haproxy: ${what as string} port ${port} is already in use by another process`);
    }
  }
  await writeCheckedConfig(bin, configFile, haproxyConfig(current));

  const t0 = Date.now();
  const servers = `${resolved.appServers.length} app + ${resolved.uploadServers.length} upload server(s)`;
  log(`starting HAProxy on ${host}:${resolved.port} in front of ${servers}…`);
  const proc = await spawnServer(bin, ['-W', '-db', '-f', configFile], { name: 'haproxy-watchdog', logFile });
  const deadline = t0 + (startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
  const command = (line: string): Promise<string> => runtimeCommand(socketPath, line);
  for (;;) {
    const gone = proc.exited();
    if (gone) throw await failure(`haproxy exited during start-up (${gone})`, proc, logFile);
    if ((await tcpAnswers(host, resolved.port, 500)) && (await command('show info').catch(() => null))) break;
    if (Date.now() > deadline) {
      await stopServer(proc, STOP_TIMEOUT_MS);
      throw await failure(`haproxy did not open ${host}:${resolved.port} within ${deadline - t0} ms`, proc, logFile);
    }
    await sleep(50);
  }
  log(`HAProxy up in ${Date.now() - t0} ms (pid ${proc.pid}, ${logFile})`);

  const serverStats = async (): Promise<Record<string, StatRow>> => serverRows(parseShowStat(await command('show stat')));
  const serverStates = async (): Promise<Record<string, ServerStatus>> =>
    serverStatuses(parseShowStat(await command('show stat')));
  let stopped = false;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${resolved.port}`,
    port: resolved.port,
    pid: proc.pid,
    configFile,
    logFile,
    socketPath,
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopServer(proc, STOP_TIMEOUT_MS);
      log(`HAProxy stopped (pid ${proc.pid})`);
    },
    async kill() {
      stopped = true;
      await killServer(proc);
      log(`HAProxy killed (SIGKILL, pid ${proc.pid})`);
    },
    async reload(lists = {}) {
      const next = { ...current, ...Object.fromEntries(Object.entries(lists).filter(([, v]) => v !== undefined)) };
      await writeCheckedConfig(bin, configFile, haproxyConfig(next));
      current = next;
      const offset = (await fs.stat(logFile)).size;
      process.kill(proc.pid, 'SIGUSR2'); // the master re-reads the config and starts a new worker on the same sockets
      for (const until = Date.now() + STOP_TIMEOUT_MS; ; await sleep(50)) {
        const said = await readFrom(logFile, offset);
        if (/Loading success/.test(said)) break;
        if (/Loading failure/.test(said) || proc.exited() || Date.now() > until) {
          throw await failure('haproxy reload failed', { ...proc, logOffset: offset }, logFile);
        }
      }
      log(`HAProxy reloaded: ${next.appServers.length} app + ${next.uploadServers.length} upload server(s)`);
    },
    serverStates,
    serverStats,
    async waitForStatus(server, status, timeoutMs) {
      const start = Date.now();
      for (;;) {
        const states = await serverStates();
        if (!(server in states)) throw new Error(`no server ${server} (have ${Object.keys(states).join(', ')})`);
        if (states[server] === status) return Date.now() - start;
        if (Date.now() - start > timeoutMs) {
          throw new Error(`${server} is still ${states[server]} after ${timeoutMs} ms (waited for ${status})`);
        }
        await sleep(20);
      }
    },
    command,
  };
}
