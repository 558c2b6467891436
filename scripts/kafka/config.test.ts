import { describe, expect, it } from 'vitest';
import {
  brokerJvmArgs,
  brokerSpecs,
  heapSettings,
  initialControllers,
  log4j2Xml,
  parseUuid,
  serverProperties,
} from './config';

/** server.properties text → key/value map (comments dropped). */
function props(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.indexOf('=');
    expect(i, `line without "=": ${line}`).toBeGreaterThan(0);
    expect(out.has(line.slice(0, i)), `duplicate key ${line.slice(0, i)}`).toBe(false);
    out.set(line.slice(0, i), line.slice(i + 1));
  }
  return out;
}

describe('brokerSpecs', () => {
  it('puts broker N on 127.0.0.N with the same client port and the controller on port + 1', () => {
    expect(brokerSpecs(3, 9092)).toEqual([
      { nodeId: 1, host: '127.0.0.1', port: 9092, controllerPort: 9093 },
      { nodeId: 2, host: '127.0.0.2', port: 9092, controllerPort: 9093 },
      { nodeId: 3, host: '127.0.0.3', port: 9092, controllerPort: 9093 },
    ]);
    expect(brokerSpecs(1, 19092)).toEqual([{ nodeId: 1, host: '127.0.0.1', port: 19092, controllerPort: 19093 }]);
  });
});

describe('serverProperties', () => {
  it('makes one combined broker+controller with replication factor 1', () => {
    const [one] = brokerSpecs(1, 9092);
    const p = props(serverProperties(one!, brokerSpecs(1, 9092), '/d/broker1/data'));
    expect(p.get('process.roles')).toBe('broker,controller');
    expect(p.get('node.id')).toBe('1');
    expect(p.get('controller.quorum.bootstrap.servers')).toBe('127.0.0.1:9093');
    expect(p.has('controller.quorum.voters')).toBe(false); // StorageTool --standalone refuses it
    expect(p.get('listeners')).toBe('PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093');
    expect(p.get('controller.listener.names')).toBe('CONTROLLER');
    expect(p.get('log.dirs')).toBe('/d/broker1/data');
    expect(p.get('auto.create.topics.enable')).toBe('false');
    expect(p.get('group.initial.rebalance.delay.ms')).toBe('0');
    for (const k of [
      'default.replication.factor',
      'min.insync.replicas',
      'offsets.topic.replication.factor',
      'transaction.state.log.replication.factor',
      'transaction.state.log.min.isr',
    ]) {
      expect(p.get(k), k).toBe('1');
    }
  });

  it('makes three brokers that know all three controllers, with RF 3 and min ISR 2', () => {
    const specs = brokerSpecs(3, 9092);
    const p = props(serverProperties(specs[1]!, specs, '/d/broker2/data'));
    expect(p.get('node.id')).toBe('2');
    expect(p.get('controller.quorum.bootstrap.servers')).toBe('127.0.0.1:9093,127.0.0.2:9093,127.0.0.3:9093');
    expect(p.get('listeners')).toBe('PLAINTEXT://127.0.0.2:9092,CONTROLLER://127.0.0.2:9093');
    expect(p.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.2:9092,CONTROLLER://127.0.0.2:9093');
    expect(p.get('default.replication.factor')).toBe('3');
    expect(p.get('offsets.topic.replication.factor')).toBe('3');
    expect(p.get('transaction.state.log.replication.factor')).toBe('3');
    expect(p.get('min.insync.replicas')).toBe('2');
    expect(p.get('transaction.state.log.min.isr')).toBe('2');
  });
});

describe('initialControllers', () => {
  it('lists id@host:controllerPort:directoryId for every controller, comma-separated', () => {
    const ids = ['JEXY6aqzQY-32P5TStzaFg', 'MvDxzVmcRsaTz33bUuRU6A', '07R5amHmR32VDA6jHkGbTA'];
    expect(initialControllers(brokerSpecs(3, 9092), ids)).toBe(
      '1@127.0.0.1:9093:JEXY6aqzQY-32P5TStzaFg,2@127.0.0.2:9093:MvDxzVmcRsaTz33bUuRU6A,3@127.0.0.3:9093:07R5amHmR32VDA6jHkGbTA',
    );
  });

  it('refuses a directory id count that does not match the controllers', () => {
    expect(() => initialControllers(brokerSpecs(3, 9092), ['JEXY6aqzQY-32P5TStzaFg'])).toThrow(/one directory id/);
  });
});

describe('parseUuid', () => {
  it('finds the uuid line among other output', () => {
    expect(parseUuid('WARNING: something\nuHt-6EAgSEKeaHbbFWDSXg\n')).toBe('uHt-6EAgSEKeaHbbFWDSXg');
  });
  it('fails when there is none', () => {
    expect(() => parseUuid('Error: could not find main class\n')).toThrow(/no uuid/);
  });
});

describe('heapSettings', () => {
  it('defaults to 256 MB initial, 512 MB max', () => {
    expect(heapSettings(undefined, undefined)).toEqual({ xms: 256, xmx: 512 });
  });
  it('takes the option over $KAFKA_HEAP_MB, and never starts above the max', () => {
    expect(heapSettings(1024, '128')).toEqual({ xms: 256, xmx: 1024 });
    expect(heapSettings(undefined, '128')).toEqual({ xms: 128, xmx: 128 });
  });
  it('refuses nonsense', () => {
    expect(() => heapSettings(undefined, 'lots')).toThrow(/heap/);
    expect(() => heapSettings(16, undefined)).toThrow(/heap/);
  });
});

describe('log4j2Xml and brokerJvmArgs', () => {
  it('logs to <logs>/server.log, escaping the path for XML', () => {
    const xml = log4j2Xml('/data/a&b/logs');
    expect(xml).toContain('fileName="/data/a&amp;b/logs/server.log"');
    expect(xml).toContain('shutdownHook="disable"');
  });
  it('runs kafka.Kafka on the properties file with the log4j2 config and heap', () => {
    const args = brokerJvmArgs({
      libDir: '/cache/lib',
      heap: { xms: 256, xmx: 512 },
      logsDir: '/d/broker1/logs',
      log4j2File: '/d/broker1/log4j2.xml',
      propertiesFile: '/d/broker1/server.properties',
    });
    expect(args.slice(0, 2)).toEqual(['-Xms256m', '-Xmx512m']);
    expect(args).toContain('-Dlog4j2.configurationFile=/d/broker1/log4j2.xml');
    expect(args.slice(-4)).toEqual(['-cp', '/cache/lib/*', 'kafka.Kafka', '/d/broker1/server.properties']);
  });
});
