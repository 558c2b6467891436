/**
 * Pure: reading `nodetool status`. Its first column is the node's gossip liveness as the asked node's failure
 * detector sees it (U up, D down, ? neither) followed by its ring state (N normal, L leaving, J joining, M moving).
 * No I/O here (unit-tested in nodetool-status.test.ts).
 */

export type RingStatus = `${'U' | 'D' | '?'}${'N' | 'L' | 'J' | 'M'}`;

const NODE_LINE = /^([UD?][NLJM])\s+(\S+)\s/;
/** `-pp` prints `address:port`; without it the address is alone. */
const IPV4_WITH_PORT = /^(\d+\.\d+\.\d+\.\d+):\d+$/;

/** Address → status of every node line in `nodetool status` output (all data centers). */
export function parseNodetoolStatus(output: string): Map<string, RingStatus> {
  const nodes = new Map<string, RingStatus>();
  for (const line of output.split('\n')) {
    const m = NODE_LINE.exec(line.trim());
    if (!m?.[1] || !m[2]) continue;
    nodes.set(IPV4_WITH_PORT.exec(m[2])?.[1] ?? m[2], m[1] as RingStatus);
  }
  return nodes;
}

/** Those of `addresses` that `status` does not show as UN, each as "<address> <status>" or "<address> missing". */
export function notUpNormal(status: ReadonlyMap<string, RingStatus>, addresses: readonly string[]): string[] {
  return addresses.flatMap((a) => {
    const s = status.get(a);
    return s === 'UN' ? [] : [`${a} ${s ?? 'missing'}`];
  });
}
