import { describe, expect, it } from "vitest";
import { partitionRules } from "./partition";

describe("the partition's nftables rules", () => {
  const rules = partitionRules({ isolated: "127.0.0.3", others: ["127.0.0.1", "127.0.0.2"], storagePort: 7700 });

  it("drop the storage-port traffic both ways between the cut-off node and each other node", () => {
    expect(rules).toContain("ip saddr 127.0.0.3 ip daddr { 127.0.0.1, 127.0.0.2 } tcp dport 7700 drop");
    expect(rules).toContain("ip saddr { 127.0.0.1, 127.0.0.2 } ip daddr 127.0.0.3 tcp dport 7700 drop");
    expect(rules).toContain("ip saddr 127.0.0.3 ip daddr { 127.0.0.1, 127.0.0.2 } tcp sport 7700 drop");
    expect(rules).toContain("ip saddr { 127.0.0.1, 127.0.0.2 } ip daddr 127.0.0.3 tcp sport 7700 drop");
  });

  it("leave everything else alone: clients still reach every node's CQL port", () => {
    expect(rules).toContain("policy accept");
    expect(rules.match(/drop/g)).toHaveLength(4);
    expect(rules).not.toMatch(/9742|9042/);
  });
});
