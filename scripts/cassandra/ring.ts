/** Whether the nodes of a cluster see each other: after a start, node 1 lists the others in system.peers. */
import { sleep } from '../lib/jvm/pid-files';
import { peerCount } from './cql-probe';
import type { LogFn } from './install';
import type { RunningNode } from './node';

const PEERS_POLL_MS = 500;

/** Until node 1 lists every other node in system.peers: a client that connects then sees the whole ring. */
export async function waitUntilPeersSeen(nodes: readonly RunningNode[], timeoutMs: number, log: LogFn): Promise<void> {
  const first = nodes[0];
  if (!first) throw new Error('internal: no node 1');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const peers = await peerCount(first.info.address, first.info.nativePort);
    if (peers >= nodes.length - 1) break;
    if (Date.now() > deadline) {
      throw new Error(
        `node1 sees ${peers} peers in system.peers after ${timeoutMs / 1000} s, expected ${nodes.length - 1}`,
      );
    }
    await sleep(PEERS_POLL_MS);
  }
  log(`all ${nodes.length} nodes see each other`);
}
