import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeClusterFile } from './layout';
import { checkClusterFile } from './storage';

const made: string[] = [];
const fresh = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'runcoach-kafka-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('checkClusterFile', () => {
  it('returns null for a new data dir', () => {
    expect(checkClusterFile(fresh(), { brokers: 1, port: 9092 })).toBeNull();
  });

  it('returns the saved ids when the broker count and port match', async () => {
    const dir = fresh();
    const file = {
      clusterId: 'uHt-6EAgSEKeaHbbFWDSXg',
      brokers: 3 as const,
      port: 9092,
      directoryIds: ['a', 'b', 'c'],
      version: '4.1.1',
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    await writeClusterFile(dir, file);
    expect(checkClusterFile(dir, { brokers: 3, port: 9092 })).toEqual(file);
    // the quorum's addresses were fixed at format time
    expect(() => checkClusterFile(dir, { brokers: 1, port: 9092 })).toThrow(/3-broker cluster on port 9092/);
    expect(() => checkClusterFile(dir, { brokers: 3, port: 9192 })).toThrow(/--brokers 3 --port 9092/);
  });

  it('refuses a formatted broker dir whose cluster.json is gone (its cluster id would be lost)', () => {
    const dir = fresh();
    mkdirSync(path.join(dir, 'broker1', 'data'), { recursive: true });
    writeFileSync(path.join(dir, 'broker1', 'data', 'meta.properties'), 'cluster.id=x\n');
    expect(() => checkClusterFile(dir, { brokers: 1, port: 9092 })).toThrow(/cluster\.json is missing/);
  });
});
