/**
 * The real redis-server (installed by ensureRedis when missing) on a port of its own: started, killed as in a
 * crash, restarted, stopped. A second or two, so it runs with the unit tests.
 */
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../lib/jvm/pid-files';
import { portFree } from '../lib/jvm/ports';
import { startRedis, type Redis as RedisServer } from './launcher';
import { redisPongs } from './ping';

/** 6479 unless another run holds it (never the machine's own 6379): then any free port. */
async function testPort(preferred = 6479): Promise<number> {
  if (await portFree('127.0.0.1', preferred)) return preferred;
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

let redis: RedisServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'redis-test-'));
  redis = await startRedis({ port: await testPort(), dataDir, log: () => undefined });
}, 120_000);

afterAll(async () => {
  await redis?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('startRedis', () => {
  it('answers on its url, empty, and refuses a second start on the same port', async () => {
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(redis.port).not.toBe(6379);
    const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await client.connect();
      expect(await client.dbsize()).toBe(0);
      await client.set('k', 'v');
      expect(await client.get('k')).toBe('v');
      expect(await client.config('GET', 'save')).toEqual(['save', '']);
    } finally {
      client.disconnect();
    }
    await expect(startRedis({ port: redis.port, dataDir, log: () => undefined })).rejects.toThrow(/already in use/);
  });

  it('is gone after kill() and back, empty, after restart()', async () => {
    const pid = redis.pid;
    await redis.kill();
    expect(isAlive(pid)).toBe(false);
    expect(await redisPongs(redis.port, 300)).toBe(false);
    await redis.restart();
    expect(redis.pid).not.toBe(pid);
    expect(await redisPongs(redis.port)).toBe(true);
    const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await client.connect();
      expect(await client.dbsize()).toBe(0); // no persistence: a crash loses the cache, as it should
    } finally {
      client.disconnect();
    }
  });

  it('stops on stop() and starts again on restart()', async () => {
    const pid = redis.pid;
    await redis.stop();
    expect(isAlive(pid)).toBe(false);
    await redis.restart();
    expect(await redisPongs(redis.port)).toBe(true);
  });
});
