/**
 * Whether the nodes of a cluster see each other: after a start, node 1 lists the others in system.peers; after a
 * restart, the restarted node and the other live nodes show each other UP.
 *
 * UP is asked of `nodetool status`, not of CQL: system.peers keeps listing a node while it is down, and neither it
 * nor system_views.gossip_info carries liveness. nodetool's U/D column is the asked node's failure detector, the
 * very thing its coordinator consults before it sends a write to a replica or stores a hint for it instead, and
 * before it delivers hints. gossip_info's generation tells the restarted JVM from the killed one.
 */
import { sleep } from '../lib/jvm/pid-files';
import { gossipGenerations, peerCount } from './cql-probe';
import type { LogFn } from './install';
import type { RunningNode } from './node';
import { captureNodetool, type NodetoolTools } from './nodetool';
import { notUpNormal, parseNodetoolStatus } from './nodetool-status';

const PEERS_POLL_MS = 500;
const UP_POLL_MS = 1000;
/** A nodetool run is a JVM start (a few seconds on a busy 2-core box) and a few JMX calls. */
const NODETOOL_TIMEOUT_MS = 30_000;

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

/**
 * After a multi-node start: until every node shows every other UN in its own nodetool status. node1 listing the
 * others in system.peers (above) is not enough for LOCAL_QUORUM: a node that has not yet marked its peers UP
 * refuses writes it coordinates ("2 required but only 1 alive"; seen for 0.9–2.2 s after a start here).
 */
export async function waitUntilAllSeeAllUp(nodes: readonly RunningNode[], tools: NodetoolTools, timeoutMs: number, log: LogFn): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = [...nodes];
  while (pending.length > 0) {
    const observer = pending[0]!;
    const problem = await notSeenUp(tools, observer, nodes.filter((n) => n !== observer).map((n) => n.info.address));
    if (problem === null) {
      pending.shift();
      continue;
    }
    if (Date.now() > deadline) throw new Error(`the nodes do not all see each other UP: ${problem}`);
    await sleep(UP_POLL_MS);
  }
  log(`every node sees the other ${nodes.length - 1} UP`);
}

/** null if `observer`'s nodetool status shows every one of `addresses` UN, else what is wrong. */
async function notSeenUp(tools: NodetoolTools, observer: RunningNode, addresses: string[]): Promise<string | null> {
  const name = `node${observer.info.index}`;
  try {
    const out = await captureNodetool(tools, observer.info.jmxPort, ['status'], NODETOOL_TIMEOUT_MS);
    if (out.code !== 0) return `${name}: nodetool status exited ${out.code}: ${out.output.trim().split('\n').pop()}`;
    const missing = notUpNormal(parseNodetoolStatus(out.stdout), addresses);
    return missing.length ? `${name} sees ${missing.join(', ')}` : null;
  } catch (err) {
    return `${name}: nodetool status failed: ${(err as Error).message}`;
  }
}

/**
 * null if `peer` knows `node` by the gossip generation of its current start and shows it UN. The generation
 * matters: a peer whose failure detector has not yet convicted the killed JVM (it took over 20 s on a busy 2-core
 * box) still shows UN for it. Once a peer takes in the new generation it marks the node dead until it answers an
 * echo, so generation and UN together mean the peer sees the new JVM alive.
 */
async function peerProblem(tools: NodetoolTools, node: RunningNode, peer: RunningNode): Promise<string | null> {
  const { address, nativePort, index } = node.info;
  const own = (await gossipGenerations(address, nativePort))?.get(address);
  if (own === undefined) return `node${index} does not answer with its gossip generation`;
  const known = (await gossipGenerations(peer.info.address, peer.info.nativePort))?.get(address);
  if (known !== own) {
    return `node${peer.info.index} knows node${index} by gossip generation ${known ?? '(none)'}, not ${own} of this start`;
  }
  return notSeenUp(tools, peer, [address]);
}

/**
 * Resolves once each of `peers` knows the restarted `node` by its new gossip generation and shows it UN (up,
 * normal) in nodetool status, and `node` shows each of them UN: coordinators on either side then send it writes
 * (and hints) again, and it sends them its own. (Cassandra itself only waits, up to 10 s, until no more than one
 * local peer is down before it opens the CQL port.) An observer that has been satisfied once is not asked again.
 * The first check that fails is logged, the later ones only if the deadline passes.
 */
export async function waitUntilSeenUp(
  node: RunningNode,
  peers: readonly RunningNode[],
  tools: NodetoolTools,
  deadline: number,
  log: LogFn,
  signal?: AbortSignal,
): Promise<void> {
  const name = `node${node.info.index}`;
  const pending = peers.length > 0 ? [...peers, node] : [];
  const check = (observer: RunningNode): Promise<string | null> =>
    observer === node
      ? notSeenUp(tools, node, peers.map((p) => p.info.address))
      : peerProblem(tools, node, observer);
  for (let round = 1; ; round++) {
    let problem: string | null = null;
    while (pending[0] && (problem = await check(pending[0])) === null) pending.shift();
    if (problem === null) return;
    if (round === 1) log(`${name}: not UP for everyone yet (${problem}), asking again every ${UP_POLL_MS / 1000} s`);
    if (signal?.aborted) throw new Error(`${name}: restart abandoned`);
    if (Date.now() > deadline) throw new Error(`${name} answers CQL but is not UP for all live nodes: ${problem}`);
    await sleep(UP_POLL_MS);
  }
}
