import { describe, expect, it } from 'vitest';
import { address, haproxyConfig, INGEST_PATHS, METRICS_PATH, METRICS_PATH_PATTERN, type HaproxyConfigOptions } from './config';

const base: HaproxyConfigOptions = {
  port: 8080,
  appServers: [
    { name: 'app1', host: '127.0.0.1', port: 3000 },
    { name: 'app2', host: '127.0.0.1', port: 3002 },
  ],
  uploadServers: [
    { name: 'upload1', host: '127.0.0.1', port: 3001 },
    { name: 'upload2', host: '127.0.0.1', port: 3003 },
  ],
  statsSocketPath: '/run/lb/haproxy.sock',
};

/** The config's sections: `frontend public` → its lines, trimmed, comments dropped. */
function sections(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    if (!raw.startsWith(' ')) out.set(raw, (current = []));
    else current?.push(raw.trim());
  }
  return out;
}

const section = (text: string, name: string): string[] => {
  const lines = sections(text).get(name);
  if (!lines) throw new Error(`no section "${name}" in:\n${text}`);
  return lines;
};

describe('haproxyConfig', () => {
  const text = haproxyConfig(base);

  it('has a global, defaults, one public frontend and the two backends', () => {
    expect([...sections(text).keys()]).toEqual(['global', 'defaults', 'frontend public', 'backend app', 'backend upload']);
    expect(section(text, 'global')).toContain('stats socket /run/lb/haproxy.sock mode 600 level admin expose-fd listeners');
    expect(section(text, 'global')).not.toContain('daemon');
  });

  it('binds the public port on loopback unless told otherwise', () => {
    expect(section(text, 'frontend public')).toContain('bind 127.0.0.1:8080');
    expect(section(haproxyConfig({ ...base, bindAddress: '0.0.0.0' }), 'frontend public')).toContain('bind 0.0.0.0:8080');
  });

  it('sends exactly the two ingest paths (path, not path_beg) to the upload backend', () => {
    const fe = section(text, 'frontend public');
    expect(fe).toContain(`acl ingest path ${INGEST_PATHS.join(' ')}`);
    expect(INGEST_PATHS).toEqual(['/api/trpc/activities.appendPoints', '/api/trpc/activities.syncEvents']);
    expect(fe).toContain('use_backend upload if ingest');
    expect(fe).toContain('default_backend app');
    expect(text).not.toContain('path_beg');
  });

  it('refuses the metrics page on the public port, before any backend is chosen, with or without an upload tier', () => {
    for (const config of [text, haproxyConfig({ ...base, uploadServers: [] })]) {
      const fe = section(config, 'frontend public');
      expect(METRICS_PATH).toBe('/api/metrics');
      expect(new RegExp(METRICS_PATH_PATTERN, 'i').test(METRICS_PATH)).toBe(true);
      for (const sneaky of ['//api/metrics', '/api//metrics', '/x/../api/./metrics', '/API/Metrics']) {
        expect(new RegExp(METRICS_PATH_PATTERN, 'i').test(sneaky)).toBe(true);
      }
      expect(new RegExp(METRICS_PATH_PATTERN, 'i').test('/api/health')).toBe(false);
      expect(fe).toContain('acl metrics_page path,url_dec -m reg -i /api/[/.]*metrics');
      const deny = fe.indexOf('http-request deny deny_status 404 if metrics_page');
      expect(deny).toBeGreaterThan(fe.indexOf('acl metrics_page path,url_dec -m reg -i /api/[/.]*metrics'));
      expect(deny).toBeLessThan(fe.indexOf('default_backend app'));
      if (config === text) expect(deny).toBeLessThan(fe.indexOf('use_backend upload if ingest'));
    }
  });

  it('without upload servers, has no upload backend and sends everything to the app', () => {
    const alone = haproxyConfig({ ...base, uploadServers: [] });
    expect(sections(alone).has('backend upload')).toBe(false);
    expect(alone).not.toContain('use_backend');
    expect(section(alone, 'frontend public')).toContain('default_backend app');
  });

  it('checks every server with GET on the health path, 200 only, at the given interval, fall and rise', () => {
    const custom = haproxyConfig({ ...base, healthPath: '/healthz', checkIntervalMs: 250, fallCount: 3, riseCount: 4 });
    for (const backend of ['backend app', 'backend upload']) {
      const lines = section(custom, backend);
      expect(lines).toContain('option httpchk');
      expect(lines).toContain('http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host localhost');
      expect(lines).toContain('http-check expect status 200');
    }
    expect(section(custom, 'backend app')).toEqual(
      expect.arrayContaining([
        'server app1 127.0.0.1:3000 check inter 250 fall 3 rise 4',
        'server app2 127.0.0.1:3002 check inter 250 fall 3 rise 4',
      ]),
    );
    expect(section(text, 'backend upload')).toContain('server upload2 127.0.0.1:3003 check inter 1000 fall 2 rise 2');
    expect(text).toContain('uri /api/health ');
  });

  it('waits longer for a check\'s answer than the interval, 3 s unless told', () => {
    expect(section(text, 'defaults')).toContain('timeout check 3000ms');
    expect(section(haproxyConfig({ ...base, checkTimeoutMs: 1500 }), 'defaults')).toContain('timeout check 1500ms');
    expect(() => haproxyConfig({ ...base, checkTimeoutMs: 0 })).toThrow(/checkTimeoutMs/);
  });

  it('balances the app round-robin and the uploads by fewest open requests', () => {
    expect(section(text, 'backend app')).toContain('balance roundrobin');
    expect(section(text, 'backend upload')).toContain('balance leastconn');
  });

  it('retries on a refused connection or an empty answer, each time on another server; app POSTs only before sending', () => {
    const defaults = section(text, 'defaults');
    expect(defaults).toEqual(expect.arrayContaining(['retries 2', 'retry-on conn-failure empty-response', 'option redispatch 1']));
    expect(section(text, 'backend app')).toContain('http-request disable-l7-retry unless METH_GET');
    expect(section(text, 'backend upload').some((l) => l.includes('disable-l7-retry'))).toBe(false);
  });

  it('has the timeouts, X-Forwarded-For and an X-Request-Id that keeps a caller’s own', () => {
    expect(section(text, 'defaults')).toEqual(
      expect.arrayContaining([
        'mode http',
        'option forwardfor',
        'timeout connect 2s',
        'timeout client 30s',
        'timeout server 30s',
        'timeout http-request 10s',
      ]),
    );
    expect(section(text, 'frontend public')).toEqual(
      expect.arrayContaining([
        'unique-id-format %[uuid()]',
        'http-request set-header X-Request-Id %[unique-id] unless { req.hdr(x-request-id) -m found }',
      ]),
    );
  });

  it('logs requests to stdout only when asked', () => {
    expect(text).not.toMatch(/^\s*log /m);
    const logged = haproxyConfig({ ...base, logRequests: true });
    expect(section(logged, 'global')).toContain('log stdout format raw local0');
    expect(section(logged, 'defaults')).toEqual(expect.arrayContaining(['log global', 'option httplog']));
  });

  it('adds a stats page with Prometheus metrics on 127.0.0.1:statsPort when given one', () => {
    expect(sections(text).has('frontend stats')).toBe(false);
    const stats = section(haproxyConfig({ ...base, statsPort: 8404 }), 'frontend stats');
    expect(stats).toEqual(
      expect.arrayContaining([
        'bind 127.0.0.1:8404',
        'stats enable',
        'stats uri /',
        'http-request use-service prometheus-exporter if { path /metrics }',
      ]),
    );
  });

  it('refuses options that would make a broken config', () => {
    const app = base.appServers[0]!;
    expect(() => haproxyConfig({ ...base, port: 0 })).toThrow(/bad port/);
    expect(() => haproxyConfig({ ...base, statsPort: 8080 })).toThrow(/both 8080/);
    expect(() => haproxyConfig({ ...base, appServers: [] })).toThrow(/at least one app server/);
    expect(() => haproxyConfig({ ...base, appServers: [app, app] })).toThrow(/used twice/);
    expect(() => haproxyConfig({ ...base, appServers: [{ ...app, name: 'app 1' }] })).toThrow(/server name/);
    expect(() => haproxyConfig({ ...base, appServers: [{ ...app, host: 'a b' }] })).toThrow(/not a plain word/);
    expect(() => haproxyConfig({ ...base, healthPath: 'health' })).toThrow(/start with \//);
    expect(() => haproxyConfig({ ...base, healthPath: '/a#b' })).toThrow(/not a plain word/);
    expect(() => haproxyConfig({ ...base, fallCount: 0 })).toThrow(/fallCount/);
    expect(() => haproxyConfig({ ...base, statsSocketPath: `/${'x'.repeat(120)}` })).toThrow(/longer than 107/);
  });
});

describe('address', () => {
  it('puts an IPv6 address in brackets', () => {
    expect(address('127.0.0.1', 80)).toBe('127.0.0.1:80');
    expect(address('::1', 80)).toBe('[::1]:80');
  });
});
