/**
 * The faults the scaled setup must survive while phones upload (issue: "Scale out for real"). Each takes one
 * part away with SIGKILL, as a crash would, keeps it away for a while, and brings it back; run.ts measures
 * what the phones saw and checks every acknowledged point in Cassandra afterwards.
 */
import type { ScaledStack } from "../cluster/scaled-stack";
import { canPartition, healPartition, partition } from "./partition";

export interface FaultScenario {
  id: string;
  title: string;
  /** How long the part stays away: the figure, and a short one for `npm test`. */
  holdMs: { full: number; short: number };
  /** Takes the part away; returns what to report about it (e.g. how fast the load balancer noticed). */
  inject(stack: ScaledStack): Promise<Record<string, number>>;
  recover(stack: ScaledStack): Promise<Record<string, number>>;
  /** Uploads must all be acknowledged at the first attempt (the fault is behind Kafka). */
  noFailedUploads: boolean;
  /**
   * Read back at ALL (every replica answers, so a point missing from any is found; the read also repairs what
   * it finds missing, which is why the restarted node is first read alone: `restartedNode`).
   */
  readAtAll: boolean;
  /** The node that was away, read alone at ONE before the read at ALL repairs it: what hints alone brought back. */
  restartedNode?: (stack: ScaledStack) => string;
  /** Why this machine cannot run the fault (then it is reported as skipped), or null. */
  unavailable?: () => Promise<string | null>;
}

/** Runs `step` and reports how long it took under `name` (e.g. `{ killMs: 180 }`). */
async function timed(name: string, step: () => Promise<unknown>): Promise<Record<string, number>> {
  const start = Date.now();
  await step();
  return { [name]: Date.now() - start };
}

export const SCENARIOS: readonly FaultScenario[] = [
  {
    id: "cassandra-node",
    title: "one Cassandra node of three killed, then restarted",
    holdMs: { full: 60_000, short: 15_000 },
    inject: (stack) => timed("killMs", () => stack.cassandra.kill(1)),
    recover: (stack) => timed("restartMs", () => stack.cassandra.restart(1)),
    noFailedUploads: true,
    readAtAll: true,
    restartedNode: (stack) => stack.cassandra.contactPoints[1]!,
  },
  {
    id: "cassandra-partition",
    title: "one Cassandra node cut off from the other two (nftables drops their storage-port traffic), then healed",
    holdMs: { full: 30_000, short: 10_000 },
    inject(stack) {
      const [first, second, third] = stack.cassandra.nodes;
      return timed("cutMs", () => partition({ isolated: third!.address, others: [first!.address, second!.address], storagePort: third!.storagePort }));
    },
    recover: () => timed("healMs", () => healPartition()),
    // The writers' Cassandra client still reaches node 3's CQL port: what it coordinates cannot reach a
    // quorum, and is retried (by the driver on another node, or by the writer); the phones never see it.
    noFailedUploads: true,
    readAtAll: true,
    restartedNode: (stack) => stack.cassandra.contactPoints[2]!,
    unavailable: canPartition,
  },
  {
    id: "kafka-broker",
    title: "one Kafka broker of three killed, then restarted",
    holdMs: { full: 30_000, short: 10_000 },
    inject: (stack) => timed("killMs", () => stack.kafka.kill(1)),
    recover: (stack) => timed("restartMs", () => stack.kafka.restart(1)),
    noFailedUploads: false,
    readAtAll: false,
  },
  {
    id: "app-and-upload",
    title: "one app server and one upload API instance killed, then restarted",
    holdMs: { full: 20_000, short: 8_000 },
    async inject(stack) {
      await Promise.all([stack.apps[0]!.kill(), stack.uploads[0]!.kill()]);
      // From the kill until HAProxy stops routing to them (its checks: every interval, out after two failures).
      const [appDown, uploadDown] = await Promise.all([
        stack.haproxy.waitForStatus(`app/${stack.apps[0]!.name}`, "DOWN", 20_000),
        stack.haproxy.waitForStatus(`upload/${stack.uploads[0]!.name}`, "DOWN", 20_000),
      ]);
      return { appDownMs: appDown, uploadDownMs: uploadDown };
    },
    recover: (stack) =>
      timed("backInRotationMs", async () => {
        await Promise.all([stack.apps[0]!.start(), stack.uploads[0]!.start()]);
        await Promise.all([
          stack.haproxy.waitForStatus(`app/${stack.apps[0]!.name}`, "UP", 30_000),
          stack.haproxy.waitForStatus(`upload/${stack.uploads[0]!.name}`, "UP", 30_000),
        ]);
      }),
    noFailedUploads: false,
    readAtAll: false,
  },
  {
    id: "writer",
    title: "one Location Service writer of two killed mid-batch, then restarted",
    holdMs: { full: 20_000, short: 8_000 },
    inject: (stack) => timed("killMs", () => stack.writers[0]!.kill()),
    recover: (stack) => timed("restartMs", () => stack.writers[0]!.start()),
    noFailedUploads: true,
    readAtAll: false,
  },
];
