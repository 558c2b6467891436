import { describe, expect, it } from 'vitest';
import { isPong, redisServerArgs } from './config';

describe('redisServerArgs', () => {
  it('runs a loopback-only cache in the foreground without persistence', () => {
    const args = redisServerArgs({ port: 6479, dataDir: '/d/redis' });
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(flag('--port')).toBe('6479');
    expect(flag('--bind')).toBe('127.0.0.1');
    expect(flag('--daemonize')).toBe('no');
    expect(flag('--save')).toBe('');
    expect(flag('--appendonly')).toBe('no');
    expect(flag('--dir')).toBe('/d/redis');
  });

  it('refuses a bad port', () => {
    expect(() => redisServerArgs({ port: 70000, dataDir: '/d' })).toThrow(/bad port/);
  });
});

describe('isPong', () => {
  it('accepts +PONG only', () => {
    expect(isPong('+PONG\r\n')).toBe(true);
    expect(isPong('-LOADING Redis is loading the dataset in memory\r\n')).toBe(false);
    expect(isPong('-NOAUTH Authentication required.\r\n')).toBe(false);
  });
});
