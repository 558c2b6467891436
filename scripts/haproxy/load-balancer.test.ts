/**
 * The real HAProxy (installed by ensureHaproxy on first use) in front of stub app and upload servers
 * (stub-backend.ts): routing by path, health checks taking a server out, and retries that hide a server dying
 * between two checks. A few seconds, no Kafka or Cassandra, so it runs with the unit tests.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portFree } from '../lib/jvm/ports';
import { startHaproxy, type Haproxy } from './launcher';
import { startStubBackend, type Seen, type StubBackend } from './stub-backend';

const INTERVAL_MS = 200;
const FALL = 2;
const RISE = 2;

/** 8480 unless another run holds it: then any free port. */
async function publicPort(preferred = 8480): Promise<number> {
  if (await portFree('127.0.0.1', preferred)) return preferred;
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

let haproxy: Haproxy;
let runDir: string;
const stubs: Record<'app1' | 'app2' | 'upload1' | 'upload2', StubBackend> = {} as never;

/**
 * One request on a connection of its own: with keep-alive, a client may send a request on a connection HAProxy
 * has just closed (as it does after a 502) and see "other side closed" for a request no server ever got.
 */
function send(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; seen: Seen | null }>((resolve, reject) => {
    const req = http.request(`${haproxy.url}${url}`, { method: init.method ?? 'GET', headers: init.headers, agent: false });
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.once('end', () => {
        const status = res.statusCode ?? 0;
        resolve({ status, seen: status === 200 ? (JSON.parse(text) as Seen) : null });
      });
    });
    req.end(init.body);
  });
}
const post = (url: string, body = '{"points":[]}') =>
  send(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
const serversOf = (answers: readonly { seen: Seen | null }[]) => new Set(answers.map((a) => a.seen?.server));

async function allUp(): Promise<void> {
  for (const name of ['app/app1', 'app/app2', 'upload/upload1', 'upload/upload2']) {
    await haproxy.waitForStatus(name, 'UP', 5000);
  }
}

beforeAll(async () => {
  for (const name of ['app1', 'app2', 'upload1', 'upload2'] as const) stubs[name] = await startStubBackend(name);
  runDir = await fs.mkdtemp(path.join(os.tmpdir(), 'haproxy-test-'));
  const server = (s: StubBackend) => ({ name: s.name, host: '127.0.0.1', port: s.port });
  haproxy = await startHaproxy({
    runDir,
    port: await publicPort(),
    appServers: [server(stubs.app1), server(stubs.app2)],
    uploadServers: [server(stubs.upload1), server(stubs.upload2)],
    checkIntervalMs: INTERVAL_MS,
    fallCount: FALL,
    riseCount: RISE,
    log: () => undefined,
  });
  await allUp();
}, 120_000);

afterAll(async () => {
  await haproxy?.stop();
  await Promise.all(Object.values(stubs).map((s) => s.close()));
  if (runDir) await fs.rm(runDir, { recursive: true, force: true });
});

describe('routing', () => {
  it('sends exactly the two ingest paths to the upload servers and everything else to the app', async () => {
    expect((await send('/')).seen?.server).toMatch(/^app[12]$/);
    expect((await post('/api/trpc/activities.appendPoints')).seen?.server).toMatch(/^upload[12]$/);
    expect((await post('/api/trpc/activities.syncEvents?x=1')).seen?.server).toMatch(/^upload[12]$/);
    expect((await post('/api/trpc/activities.appendPointsX')).seen?.server).toMatch(/^app[12]$/);
    expect((await post('/api/trpc/activities.appendPoints/x')).seen?.server).toMatch(/^app[12]$/);
    // a batched call is the app's: it mounts the same procedures
    expect((await post('/api/trpc/activities.appendPoints,activities.syncEvents?batch=1')).seen?.server).toMatch(/^app/);
  });

  it('spreads requests over both servers of a backend', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => send('/')));
    expect(serversOf(answers)).toEqual(new Set(['app1', 'app2']));
  });

  it('adds X-Forwarded-For and an X-Request-Id, keeping a caller’s own id', async () => {
    const { seen } = await send('/');
    expect(seen?.forwardedFor).toBe('127.0.0.1');
    expect(seen?.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const own = await send('/', { headers: { 'x-request-id': 'phone-42' } });
    expect(own.seen?.requestId).toBe('phone-42');
  });
});

describe('retries (retry-on conn-failure empty-response, option redispatch 1)', () => {
  it('replays an upload that reached a server which hung up without answering on the other server', async () => {
    stubs.upload1.hangUp = true;
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, () => post('/api/trpc/activities.appendPoints')));
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
      expect(serversOf(answers)).toEqual(new Set(['upload2']));
      expect(stubs.upload1.hungUp).toBeGreaterThan(0); // it did reach upload1 first
    } finally {
      stubs.upload1.hangUp = false;
    }
  });

  it('cannot replay an upload bigger than one buffer (16 KiB): that one gets a 502 and the phone sends it again', async () => {
    stubs.upload1.hangUp = true;
    const before = stubs.upload1.hungUp;
    try {
      const big = JSON.stringify({ points: 'x'.repeat(20_000) });
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await post('/api/trpc/activities.appendPoints', big));
      const failed = answers.filter((a) => a.status === 502).length;
      expect(failed).toBeGreaterThan(0);
      expect(failed).toBe(stubs.upload1.hungUp - before);
    } finally {
      stubs.upload1.hangUp = false;
    }
  });

  it('does not replay an app POST once it was sent (not known to be idempotent), but does replay a GET', async () => {
    stubs.app1.hangUp = true;
    try {
      const posts = await Promise.all(Array.from({ length: 6 }, () => post('/api/trpc/activities.start')));
      const hungUp = stubs.app1.hungUp;
      expect(hungUp).toBeGreaterThan(0);
      expect(posts.filter((a) => a.status === 502)).toHaveLength(hungUp);
      const gets = await Promise.all(Array.from({ length: 6 }, () => send('/')));
      expect(gets.map((a) => a.status)).toEqual(Array(6).fill(200));
      expect(stubs.app1.hungUp).toBeGreaterThan(hungUp);
    } finally {
      stubs.app1.hangUp = false;
    }
  });

  it('sends an upload to the other server when a dead one has not yet been found out by its checks', async () => {
    // hold upload1's state as it is (UP), as if it died just after a passed check
    await haproxy.command('disable health upload/upload1');
    const before = (await haproxy.serverStats())['upload/upload1'];
    stubs.upload1.closeListener();
    const t0 = performance.now();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('/api/trpc/activities.appendPoints')));
    const ms = performance.now() - t0;
    const after = (await haproxy.serverStats())['upload/upload1'];
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(serversOf(answers)).toEqual(new Set(['upload2']));
    // wredis: requests whose connection to upload1 failed and that went to another server instead
    const redispatched = Number(after?.wredis) - Number(before?.wredis);
    expect(redispatched).toBeGreaterThan(0);
    console.log(`conn-failure: 8 uploads, all 200 from upload2 in ${ms.toFixed(0)} ms; ${redispatched} redispatched`);
    await haproxy.command('enable health upload/upload1');
    await haproxy.waitForStatus('upload/upload1', 'DOWN', INTERVAL_MS * FALL + 1000);
  });
});

describe('health checks', () => {
  it(`takes an app server answering 503 out within inter × fall (${INTERVAL_MS} × ${FALL} ms) and puts it back`, async () => {
    await haproxy.waitForStatus('app/app1', 'UP', 5000);
    stubs.app1.healthy = false;
    const toDown = await haproxy.waitForStatus('app/app1', 'DOWN', INTERVAL_MS * FALL + 2000);
    console.log(`time to DOWN: ${toDown} ms (inter ${INTERVAL_MS} ms × fall ${FALL} = ${INTERVAL_MS * FALL} ms)`);
    // the bound itself plus a little for the polling and a busy machine
    expect(toDown).toBeLessThanOrEqual(INTERVAL_MS * FALL + 300);
    const answers = await Promise.all(Array.from({ length: 8 }, () => send('/')));
    expect(serversOf(answers)).toEqual(new Set(['app2']));

    stubs.app1.healthy = true;
    const toUp = await haproxy.waitForStatus('app/app1', 'UP', INTERVAL_MS * RISE + 2000);
    console.log(`time back to UP: ${toUp} ms (rise ${RISE})`);
    const again = await Promise.all(Array.from({ length: 6 }, () => send('/')));
    expect(serversOf(again)).toEqual(new Set(['app1', 'app2']));
  });

  it('takes out an app server that is gone (connection refused)', async () => {
    stubs.app2.closeListener();
    const toDown = await haproxy.waitForStatus('app/app2', 'DOWN', INTERVAL_MS * FALL + 2000);
    console.log(`time to DOWN (listener closed): ${toDown} ms`);
    const answers = await Promise.all(Array.from({ length: 4 }, () => send('/')));
    expect(serversOf(answers)).toEqual(new Set(['app1']));
  });
});

describe('reload', () => {
  it('takes a new server list without dropping the public port', async () => {
    const app3 = await startStubBackend('app3');
    try {
      await haproxy.reload({
        appServers: [
          { name: 'app1', host: '127.0.0.1', port: stubs.app1.port },
          { name: 'app3', host: '127.0.0.1', port: app3.port },
        ],
      });
      expect(Object.keys(await haproxy.serverStates()).sort()).toEqual([
        'app/app1',
        'app/app3',
        'upload/upload1',
        'upload/upload2',
      ]);
      await haproxy.waitForStatus('app/app3', 'UP', 5000);
      const answers = await Promise.all(Array.from({ length: 6 }, () => send('/')));
      expect(serversOf(answers)).toEqual(new Set(['app1', 'app3']));
    } finally {
      await app3.close();
    }
  });

  it('refuses a config HAProxy would reject, with its error text, and keeps running', async () => {
    await expect(
      haproxy.reload({ appServers: [{ name: 'app1', host: 'no-such-host.invalid', port: 1 }] }),
    ).rejects.toThrow(/ALERT/);
    expect((await send('/')).status).toBe(200);
  });
});
