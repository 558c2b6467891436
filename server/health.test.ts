import { describe, expect, it, vi } from "vitest";
import { checkHealth } from "./health";

describe("checkHealth", () => {
  it("reports both stores ok when both answer", async () => {
    expect(await checkHealth({ postgres: async () => 1, cassandra: async () => 1 })).toEqual({
      postgres: "ok",
      cassandra: "ok",
    });
  });

  it("names the store that fails", async () => {
    const report = await checkHealth({
      postgres: async () => 1,
      cassandra: async () => {
        throw new Error("NoHostAvailable");
      },
    });
    expect(report).toEqual({ postgres: "ok", cassandra: "unavailable" });
  });

  it("does not wait for a store that hangs past its deadline", async () => {
    vi.useFakeTimers();
    try {
      const pending = checkHealth({ postgres: () => new Promise(() => undefined), cassandra: async () => 1 });
      await vi.advanceTimersByTimeAsync(2_500);
      expect(await pending).toEqual({ postgres: "unavailable", cassandra: "ok" });
    } finally {
      vi.useRealTimers();
    }
  });
});
