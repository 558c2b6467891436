import { describe, expect, it } from 'vitest';
import {
  balancedTokens,
  cassandraYaml,
  clusterPorts,
  heapSizes,
  isErrorLine,
  logbackXml,
  nodeSpecs,
  parseSize,
  seedOf,
  type NodeCount,
} from './config';

/** Top-level `key: value` lines of a generated cassandra.yaml → map (comments and nested lines dropped). */
function topLevel(yaml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of yaml.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith(' ')) continue;
    const i = line.indexOf(':');
    expect(i, `line without ":": ${line}`).toBeGreaterThan(0);
    const key = line.slice(0, i);
    expect(out.has(key), `duplicate key ${key}`).toBe(false);
    out.set(key, line.slice(i + 1).trim());
  }
  return out;
}

const MIN_TOKEN = -(2n ** 63n);
const MAX_TOKEN = 2n ** 63n - 1n;
const RING_SIZE = 2n ** 64n;

describe('clusterPorts', () => {
  it('defaults to 9042 (CQL), 7000 (storage) and 7199 (JMX)', () => {
    expect(clusterPorts({})).toEqual({ nativePort: 9042, storagePort: 7000, jmxPortBase: 7199 });
  });
  it('shifts the storage and JMX ports with the native port', () => {
    expect(clusterPorts({ nativePort: 9142 })).toEqual({ nativePort: 9142, storagePort: 7100, jmxPortBase: 7299 });
    expect(clusterPorts({ nativePort: 9842 })).toEqual({ nativePort: 9842, storagePort: 7800, jmxPortBase: 7999 });
  });
  it('keeps ports that are asked for', () => {
    expect(clusterPorts({ nativePort: 9142, storagePort: 7500, jmxPortBase: 7600 })).toEqual({
      nativePort: 9142,
      storagePort: 7500,
      jmxPortBase: 7600,
    });
  });
});

describe('nodeSpecs', () => {
  it('puts node N on 127.0.0.N with the same native and storage ports and JMX ports side by side', () => {
    const specs = nodeSpecs(3, clusterPorts({ nativePort: 9842 }));
    expect(specs.map(({ token: _, ...s }) => s)).toEqual([
      { index: 1, address: '127.0.0.1', nativePort: 9842, storagePort: 7800, jmxPort: 7999 },
      { index: 2, address: '127.0.0.2', nativePort: 9842, storagePort: 7800, jmxPort: 8000 },
      { index: 3, address: '127.0.0.3', nativePort: 9842, storagePort: 7800, jmxPort: 8001 },
    ]);
    expect(specs.map((s) => s.token)).toEqual(balancedTokens(3));
  });
  it('gives a single node the lowest token', () => {
    expect(nodeSpecs(1, clusterPorts({}))).toEqual([
      { index: 1, address: '127.0.0.1', nativePort: 9042, storagePort: 7000, jmxPort: 7199, token: `${MIN_TOKEN}` },
    ]);
  });
  it('refuses other node counts', () => {
    expect(() => nodeSpecs(4 as NodeCount, clusterPorts({}))).toThrow(/nodes must be 1, 2 or 3 \(got 4\)/);
    expect(() => nodeSpecs(0 as NodeCount, clusterPorts({}))).toThrow(/nodes must be 1, 2 or 3/);
  });
});

describe('seedOf', () => {
  it("is node 1's storage endpoint", () => {
    expect(seedOf(clusterPorts({ nativePort: 9842 }))).toBe('127.0.0.1:7800');
  });
});

describe('balancedTokens', () => {
  it('splits the Murmur3 ring evenly, starting at its lowest token', () => {
    expect(balancedTokens(1)).toEqual(['-9223372036854775808']);
    expect(balancedTokens(2)).toEqual(['-9223372036854775808', '0']);
    expect(balancedTokens(3)).toEqual(['-9223372036854775808', '-3074457345618258603', '3074457345618258602']);
  });
  it('keeps every token on the ring, with gaps (the last one round the ring) equal to within one', () => {
    for (const n of [1, 2, 3]) {
      const tokens = balancedTokens(n).map(BigInt);
      for (const t of tokens) expect(t >= MIN_TOKEN && t <= MAX_TOKEN).toBe(true);
      const next = [...tokens.slice(1), tokens[0]! + RING_SIZE];
      const gaps = tokens.map((t, i) => next[i]! - t);
      const [smallest, largest] = [gaps.reduce((a, b) => (a < b ? a : b)), gaps.reduce((a, b) => (a > b ? a : b))];
      expect(largest - smallest, `n = ${n}`).toBeLessThanOrEqual(1n);
    }
  });
});

describe('parseSize', () => {
  it('reads JVM sizes with or without a unit, in either case', () => {
    expect(parseSize('1G')).toBe(1024 ** 3);
    expect(parseSize('512M')).toBe(512 * 1024 ** 2);
    expect(parseSize('1024m')).toBe(1024 ** 3);
    expect(parseSize('64k')).toBe(64 * 1024);
    expect(parseSize('4096')).toBe(4096);
    expect(parseSize(' 2g ')).toBe(2 * 1024 ** 3);
  });
  it('refuses what the JVM would not take', () => {
    for (const bad of ['', '1.5G', '1GB', 'lots', '-1G']) expect(() => parseSize(bad), bad).toThrow(/bad JVM size/);
  });
});

describe('heapSizes', () => {
  it('defaults to 1G max and 256M initial', () => {
    expect(heapSizes()).toEqual({ heap: '1G', initialHeap: '256M' });
  });
  it('starts a small heap at its full size and a large one at 256M', () => {
    expect(heapSizes('128M')).toEqual({ heap: '128M', initialHeap: '128M' });
    expect(heapSizes('256m')).toEqual({ heap: '256m', initialHeap: '256m' });
    expect(heapSizes('4G')).toEqual({ heap: '4G', initialHeap: '256M' });
  });
  it('takes an initial heap that is asked for, but not one above the max', () => {
    expect(heapSizes('2G', '1G')).toEqual({ heap: '2G', initialHeap: '1G' });
    expect(() => heapSizes('512M', '1G')).toThrow(/initialHeap 1G > heap 512M/);
  });
});

describe('cassandraYaml', () => {
  const base = {
    clusterName: 'runcoach',
    token: '-3074457345618258603',
    address: '127.0.0.2',
    seed: '127.0.0.1:7800',
    nativePort: 9842,
    storagePort: 7800,
    dir: '/data/cass/node2',
  };

  it("makes one node with a single token, node 1 as seed, and every directory under the node's dir", () => {
    const yaml = cassandraYaml(base);
    expect(Object.fromEntries(topLevel(yaml))).toMatchObject({
      cluster_name: '"runcoach"',
      num_tokens: '1',
      initial_token: '"-3074457345618258603"',
      partitioner: 'org.apache.cassandra.dht.Murmur3Partitioner',
      endpoint_snitch: 'SimpleSnitch',
      listen_address: '127.0.0.2',
      rpc_address: '127.0.0.2',
      storage_port: '7800',
      native_transport_port: '9842',
      auto_bootstrap: 'false',
      auto_snapshot: 'false',
      storage_compatibility_mode: 'NONE',
      commitlog_directory: '"/data/cass/node2/commitlog"',
      hints_directory: '"/data/cass/node2/hints"',
      saved_caches_directory: '"/data/cass/node2/saved_caches"',
      cdc_raw_directory: '"/data/cass/node2/cdc_raw"',
    });
    expect(yaml).toContain('      - seeds: "127.0.0.1:7800"\n');
    expect(yaml).toContain('data_file_directories:\n  - "/data/cass/node2/data"\n');
  });

  it('quotes names and paths so that YAML reads them back as written', () => {
    const y = topLevel(cassandraYaml({ ...base, clusterName: 'a: "b" # c', dir: '/data/it\'s: here' }));
    expect(JSON.parse(y.get('cluster_name')!)).toBe('a: "b" # c');
    expect(JSON.parse(y.get('commitlog_directory')!)).toBe("/data/it's: here/commitlog");
  });
});

describe('logbackXml and isErrorLine', () => {
  it('logs INFO+ to <logs>/system.log, rolled at 20 MB, and WARN+ to stdout', () => {
    const xml = logbackXml('/data/cass/node1/logs');
    expect(xml).toContain('<file>/data/cass/node1/logs/system.log</file>');
    expect(xml).toContain('<fileNamePattern>/data/cass/node1/logs/system.log.%d{yyyy-MM-dd}.%i.zip</fileNamePattern>');
    expect(xml).toContain('<maxFileSize>20MB</maxFileSize>');
    expect(xml).toMatch(/<filter class="ch\.qos\.logback\.classic\.filter\.ThresholdFilter">\s*<level>WARN<\/level>/);
    expect(xml).toContain('<root level="INFO">');
  });
  it('recognises an ERROR line in that layout (the level comes first)', () => {
    expect(isErrorLine('ERROR [main] 2026-01-01 10:00:00,000 CassandraDaemon - Exception encountered')).toBe(true);
    expect(isErrorLine('WARN  [main] 2026-01-01 10:00:00,000 StartupChecks - ERROR in a message')).toBe(false);
    expect(isErrorLine('ERRORS')).toBe(false);
  });
});
