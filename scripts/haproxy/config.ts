/**
 * Pure part of the HAProxy launcher: the haproxy.cfg (HAProxy 2.6, Debian bookworm's) of the scaled setup — one
 * public port, the two ingest mutations to the upload API instances, everything else to the Next app servers,
 * each server health-checked on GET /api/health. No I/O here (unit-tested in config.test.ts).
 */

export interface BackendServer {
  /** Shown in HAProxy's stats and logs (`app/<name>`); letters, digits, `-`, `_`, `.`. */
  name: string;
  host: string;
  port: number;
}

export interface HaproxyConfigOptions {
  /** The one public port. */
  port: number;
  /** Default 127.0.0.1 (this machine only); 0.0.0.0 lets a phone on the LAN in. */
  bindAddress?: string;
  appServers: readonly BackendServer[];
  /** Empty: no upload tier, the app servers answer the ingest paths too (they mount the same procedures). */
  uploadServers: readonly BackendServer[];
  /** Answered 200 when healthy, 503 otherwise, by the app and the upload API alike. */
  healthPath?: string;
  checkIntervalMs?: number;
  /**
   * How long a check waits for the answer once connected (HAProxy's `timeout check`). Without it HAProxy waits
   * only `inter`: on this 2-core machine, fresh JVMs starting beside the servers made /api/health answer in over
   * a second and both upload APIs were taken out at once. A dead process refuses the connection, so this does not
   * slow down taking a killed server out; only a hung one takes up to interval + this per failed check.
   */
  checkTimeoutMs?: number;
  /** Failed checks in a row before a server is taken out (DOWN): it goes within checkIntervalMs × fallCount. */
  fallCount?: number;
  /** Passed checks in a row before it is put back (UP). */
  riseCount?: number;
  /** Where `show stat` and the other runtime commands are answered (a unix socket path). */
  statsSocketPath: string;
  /** A stats page (`/`) and Prometheus metrics (`/metrics`) on 127.0.0.1:statsPort; none when unset. */
  statsPort?: number;
  /** One line per request on stdout (HAProxy's httplog format). Default off: state changes are logged anyway. */
  logRequests?: boolean;
}

/**
 * The tRPC paths of the upload tier (server/api/routers/ingest.ts). The client sends each as one unbatched
 * mutation, so the path is exactly this (a query string may follow; HAProxy's `path` leaves it out).
 */
export const INGEST_PATHS: readonly string[] = ['/api/trpc/activities.appendPoints', '/api/trpc/activities.syncEvents'];

/** The app servers' and upload APIs' Prometheus page (server/metrics/endpoint.ts), refused on the public port. */
export const METRICS_PATH = '/api/metrics';

/** What `acl metrics_page` matches in the decoded path: METRICS_PATH, with any run of `/` and `.` after `/api/`. */
export const METRICS_PATH_PATTERN = '/api/[/.]*metrics';

export const CONFIG_DEFAULTS = {
  bindAddress: '127.0.0.1',
  healthPath: '/api/health',
  checkIntervalMs: 1000,
  checkTimeoutMs: 3000,
  fallCount: 2,
  riseCount: 2,
} as const;

export type ResolvedConfigOptions = Required<Omit<HaproxyConfigOptions, 'statsPort'>> & { statsPort?: number };

/** A unix socket path must fit sun_path (108 bytes with the terminating NUL). */
const MAX_SOCKET_PATH_BYTES = 107;

const NAME = /^[A-Za-z0-9_.-]+$/;
/** Anything that could end a config word or line: HAProxy splits on blanks and treats `#` as a comment. */
const UNSAFE = /[\s#"'\\]/;

function checkPort(what: string, port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${what}: bad port ${String(port)}`);
}

function checkWord(what: string, value: string): void {
  if (!value || UNSAFE.test(value)) throw new Error(`${what}: ${JSON.stringify(value)} is not a plain word`);
}

function checkPositive(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a positive integer (got ${String(n)})`);
}

function checkServers(backend: string, servers: readonly BackendServer[]): void {
  const seen = new Set<string>();
  for (const s of servers) {
    if (!NAME.test(s.name)) throw new Error(`${backend} server name ${JSON.stringify(s.name)}: use [A-Za-z0-9_.-]`);
    if (seen.has(s.name)) throw new Error(`${backend} server name ${s.name} used twice`);
    seen.add(s.name);
    checkWord(`${backend}/${s.name} host`, s.host);
    checkPort(`${backend}/${s.name}`, s.port);
  }
}

/** `host:port`, with an IPv6 address in brackets. */
export function address(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Throws on anything that would make a broken or surprising config; returns the options with defaults filled. */
export function resolveConfigOptions(o: HaproxyConfigOptions): ResolvedConfigOptions {
  const r = { ...CONFIG_DEFAULTS, logRequests: false, ...stripUndefined(o) };
  checkPort('public', r.port);
  if (r.statsPort !== undefined) checkPort('stats', r.statsPort);
  if (r.statsPort === r.port) throw new Error(`the stats port and the public port are both ${r.port}`);
  checkWord('bindAddress', r.bindAddress);
  if (!r.healthPath.startsWith('/')) throw new Error(`healthPath must start with / (got ${r.healthPath})`);
  checkWord('healthPath', r.healthPath);
  checkPositive('checkIntervalMs', r.checkIntervalMs);
  checkPositive('checkTimeoutMs', r.checkTimeoutMs);
  checkPositive('fallCount', r.fallCount);
  checkPositive('riseCount', r.riseCount);
  if (r.appServers.length === 0) throw new Error('at least one app server is needed');
  checkServers('app', r.appServers);
  checkServers('upload', r.uploadServers);
  checkWord('statsSocketPath', r.statsSocketPath);
  if (Buffer.byteLength(r.statsSocketPath) > MAX_SOCKET_PATH_BYTES) {
    throw new Error(`stats socket path longer than ${MAX_SOCKET_PATH_BYTES} bytes: ${r.statsSocketPath}`);
  }
  return r;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The text of haproxy.cfg. */
export function haproxyConfig(options: HaproxyConfigOptions): string {
  const o = resolveConfigOptions(options);
  const check = `check inter ${o.checkIntervalMs} fall ${o.fallCount} rise ${o.riseCount}`;
  const servers = (list: readonly BackendServer[]): string[] =>
    list.map((s) => `    server ${s.name} ${address(s.host, s.port)} ${check}`);
  const healthCheck = [
    '    option httpchk',
    // HTTP/1.1 with a Host: Next builds the request URL from it; the check's own default is HTTP/1.0 without one
    `    http-check send meth GET uri ${o.healthPath} ver HTTP/1.1 hdr Host localhost`,
    // 2xx/3xx would pass by default; only 200 means "healthy" here (a redirect to a sign-in page does not)
    '    http-check expect status 200',
  ];
  const hasUploadTier = o.uploadServers.length > 0;
  const lines = [
    '# Generated by scripts/haproxy/launcher.ts on every start — edits are overwritten.',
    'global',
    // no `daemon`: it runs in the foreground (-W -db), a child of the Node process that started it
    `    stats socket ${o.statsSocketPath} mode 600 level admin expose-fd listeners`,
    ...(o.logRequests ? ['    log stdout format raw local0'] : []),
    '',
    'defaults',
    '    mode http',
    // dontlognull: a bare connect (the launcher's readiness probe, a port scan) is no request worth a line
    ...(o.logRequests ? ['    log global', '    option httplog', '    option dontlognull'] : []),
    '    option forwardfor',
    '    timeout connect 2s',
    '    timeout client 30s',
    '    timeout server 30s',
    '    timeout http-request 10s',
    `    timeout check ${o.checkTimeoutMs}ms`,
    // HAProxy's default (retry-on conn-failure) replays a request only when it never reached a server: the
    // connection was refused or timed out, so nothing was sent. `empty-response` adds the case "sent, then the
    // server closed without a byte of answer" (a crash or restart mid-request). That can run a request twice,
    // which the upload mutations tolerate — points and run events are upserts keyed by their id — and the app
    // backend turns off again for everything but GET below. `option redispatch 1` makes every retry pick
    // another server instead of knocking twice at the dead one, so a server that dies between two health checks
    // costs a retry, not an error, before the checks take it out. Replays (but not conn-failure retries) need
    // the whole request in one buffer (tune.bufsize, 16 KiB: about 90 points); a bigger batch that meets a
    // crash gets a 502 and the phone's outbox sends it again.
    '    retries 2',
    '    retry-on conn-failure empty-response',
    '    option redispatch 1',
    '',
    'frontend public',
    `    bind ${address(o.bindAddress, o.port)}`,
    // a trace id for the app's logs and the upload's Kafka record; a caller's own X-Request-Id is kept
    '    unique-id-format %[uuid()]',
    '    http-request set-header X-Request-Id %[unique-id] unless { req.hdr(x-request-id) -m found }',
    // every process's Prometheus page is for the scraper on the private network, never the public: refused
    // here as if absent, anywhere in the path and whatever its case, %-encoding, doubled slashes or dot
    // segments (`//api/metrics`, `/x/../api/./metrics`), all of which a URL parser may turn back into it
    `    acl metrics_page path,url_dec -m reg -i ${METRICS_PATH_PATTERN}`,
    '    http-request deny deny_status 404 if metrics_page',
    ...(hasUploadTier
      ? [
          // `path`, not `path_beg`: activities.appendPointsX (or a batched call) is the app's business
          `    acl ingest path ${INGEST_PATHS.join(' ')}`,
          '    use_backend upload if ingest',
        ]
      : []),
    '    default_backend app',
    '',
    'backend app',
    '    balance roundrobin',
    // sign-in, starting a run… are not known to be safe twice: only a GET is replayed after it was sent
    '    http-request disable-l7-retry unless METH_GET',
    ...healthCheck,
    ...servers(o.appServers),
  ];
  if (hasUploadTier) {
    lines.push(
      '',
      'backend upload',
      // every upload waits for Kafka's acknowledgement: when one instance's producer stalls (a moving partition
      // leader), its open requests pile up and leastconn sends new ones to the other, where roundrobin would
      // keep sending it half of them
      '    balance leastconn',
      ...healthCheck,
      ...servers(o.uploadServers),
    );
  }
  if (o.statsPort !== undefined) {
    lines.push(
      '',
      'frontend stats',
      `    bind 127.0.0.1:${o.statsPort}`,
      '    http-request use-service prometheus-exporter if { path /metrics }',
      '    stats enable',
      '    stats uri /',
      '    stats refresh 5s',
    );
  }
  return `${lines.join('\n')}\n`;
}
