import { describe, expect, it } from 'vitest';
import { notUpNormal, parseNodetoolStatus } from './nodetool-status';

// what 5.0.9 printed on node1 with node2 killed (third line changed to a joining node)
const THREE_NODES_ONE_DOWN = `Datacenter: datacenter1
=======================
Status=Up/Down
|/ State=Normal/Leaving/Joining/Moving
--  Address    Load        Tokens  Owns (effective)  Host ID                               Rack 
UN  127.0.0.1  91.64 KiB   1       100.0%            d760fcf6-7062-419e-9a72-c67ff48ac37d  rack1
DN  127.0.0.2  115.97 KiB  1       100.0%            2aa65dee-33d5-4493-9450-81f73b06e686  rack1
UJ  127.0.0.3  105.55 KiB  1       100.0%            2713e05f-37c6-41e5-8f52-f9fb2b2f4802  rack1


`;

describe('parseNodetoolStatus', () => {
  it('reads the status and state of every node line, by address', () => {
    expect(parseNodetoolStatus(THREE_NODES_ONE_DOWN)).toEqual(
      new Map([
        ['127.0.0.1', 'UN'],
        ['127.0.0.2', 'DN'],
        ['127.0.0.3', 'UJ'],
      ]),
    );
  });
  it('skips the header, the legend and notes', () => {
    const withNote = `${THREE_NODES_ONE_DOWN}Note: Non-system keyspaces don't have the same replication settings\n`;
    expect([...parseNodetoolStatus(withNote).keys()]).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    expect(parseNodetoolStatus('nodetool: Failed to connect to 127.0.0.1:7199\n').size).toBe(0);
  });
  it('drops the port that -pp prints, and reads a node neither up nor down', () => {
    const pp = '--  Address         Load\n?N  127.0.0.2:7000  ?\nUN  127.0.0.1:7000  98 KiB\n';
    expect(parseNodetoolStatus(pp)).toEqual(
      new Map([
        ['127.0.0.2', '?N'],
        ['127.0.0.1', 'UN'],
      ]),
    );
  });
});

describe('notUpNormal', () => {
  const status = parseNodetoolStatus(THREE_NODES_ONE_DOWN);
  it('names each asked address that is not UN, and what it is instead', () => {
    expect(notUpNormal(status, ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'])).toEqual([
      '127.0.0.2 DN',
      '127.0.0.3 UJ',
      '127.0.0.4 missing',
    ]);
  });
  it('is empty when all of them are up and normal', () => {
    expect(notUpNormal(status, ['127.0.0.1'])).toEqual([]);
    expect(notUpNormal(status, [])).toEqual([]);
  });
});
