import { describe, expect, it } from 'vitest';
import { aptArgv, cannotInstallMessage, failedForLackOfLists, installArgs } from './apt';

describe('aptArgv', () => {
  it('runs apt-get non-interactively, waiting for the dpkg lock; through sudo -n when not root', () => {
    const root = aptArgv('root', installArgs('haproxy'));
    expect(root?.slice(0, 3)).toEqual(['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get']);
    expect(root).toContain('DPkg::Lock::Timeout=300');
    expect(root).toEqual(expect.arrayContaining(['install', '-y', 'haproxy']));
    expect(aptArgv('sudo', ['update'])?.slice(0, 3)).toEqual(['sudo', '-n', 'env']);
    expect(aptArgv('none', ['update'])).toBeNull();
  });
});

describe('failedForLackOfLists', () => {
  it('recognises apt-get asking for an update', () => {
    expect(failedForLackOfLists('E: Unable to locate package haproxy')).toBe(true);
    expect(failedForLackOfLists("E: Package 'haproxy' has no installation candidate")).toBe(true);
    expect(failedForLackOfLists('E: Failed to fetch http://deb.debian.org/pool/h/haproxy.deb  404  Not Found')).toBe(true);
    expect(failedForLackOfLists('E: Could not get lock /var/lib/dpkg/lock-frontend')).toBe(false);
  });
});

describe('cannotInstallMessage', () => {
  it('says what to run', () => {
    expect(cannotInstallMessage('haproxy', 'haproxy')).toMatch(/sudo apt-get install -y haproxy/);
  });
});
