/**
 * A network partition between Cassandra nodes on one machine, made honestly: nftables rules that drop every
 * packet between one node's address and the others' on the inter-node (storage) port, in the kernel, while
 * clients still reach every node's CQL port. The nodes run on 127.0.0.1–3, so the rules match loopback
 * traffic by address pair. One table of our own (`runcoach_faults`) holds them; healing deletes it, and so
 * does `healPartition` at the test's end whatever happened.
 */
import { writeFileSync } from "node:fs";
import { runCapture } from "../lib/jvm/run-capture";
import { ensureDebianBinary } from "../lib/debian/debian-package";

const TABLE = "runcoach_faults";

export interface PartitionSpec {
  /** The node cut off, e.g. 127.0.0.3. */
  isolated: string;
  /** The nodes it can no longer reach, and that can no longer reach it. */
  others: string[];
  storagePort: number;
}

/** The ruleset (pure): both directions, both ends of every connection on the storage port. */
export function partitionRules(spec: PartitionSpec): string {
  const others = `{ ${spec.others.join(", ")} }`;
  const port = spec.storagePort;
  return [
    `table inet ${TABLE} {`,
    "  chain output {",
    "    type filter hook output priority 0; policy accept;",
    `    ip saddr ${spec.isolated} ip daddr ${others} tcp dport ${port} drop`,
    `    ip saddr ${spec.isolated} ip daddr ${others} tcp sport ${port} drop`,
    `    ip saddr ${others} ip daddr ${spec.isolated} tcp dport ${port} drop`,
    `    ip saddr ${others} ip daddr ${spec.isolated} tcp sport ${port} drop`,
    "  }",
    "}",
    "",
  ].join("\n");
}

async function nft(): Promise<string> {
  return ensureDebianBinary({ binary: "nft", knownPaths: ["/usr/sbin/nft"], pkg: "nftables", log: (line) => console.log(`  nft: ${line}`) });
}

/** Whether this machine can apply nftables rules (root, and a kernel with nf_tables). */
export async function canPartition(): Promise<string | null> {
  try {
    const bin = await nft();
    const probe = await runCapture(bin, ["list", "tables"]);
    return probe.code === 0 ? null : `nft cannot list tables: ${probe.output.trim()}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export async function partition(spec: PartitionSpec): Promise<void> {
  const bin = await nft();
  await healPartition();
  const file = `/tmp/${TABLE}-${process.pid}.nft`;
  writeFileSync(file, partitionRules(spec));
  const applied = await runCapture(bin, ["-f", file]);
  if (applied.code !== 0) throw new Error(`nft refused the partition rules: ${applied.output.trim()}`);
}

/** Removes our table if it is there (safe to call at any time). */
export async function healPartition(): Promise<void> {
  const bin = await nft();
  const listed = await runCapture(bin, ["list", "tables"]);
  if (listed.output.includes(`inet ${TABLE}`)) await runCapture(bin, ["delete", "table", "inet", TABLE]);
}
