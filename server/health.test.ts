import { describe, expect, it, vi } from "vitest";
import { checkHealth } from "./health";

const ok = async () => 1;

describe("checkHealth", () => {
  it("reports every component ok when all answer", async () => {
    expect(await checkHealth({ postgres: ok, cassandra: ok, kafka: ok })).toEqual({
      postgres: "ok",
      cassandra: "ok",
      kafka: "ok",
    });
  });

  it("names the component that fails", async () => {
    const report = await checkHealth({
      postgres: ok,
      cassandra: async () => {
        throw new Error("NoHostAvailable");
      },
      kafka: async () => {
        throw new Error("ECONNREFUSED");
      },
    });
    expect(report).toEqual({ postgres: "ok", cassandra: "unavailable", kafka: "unavailable" });
  });

  it("does not wait for a component that hangs past its deadline", async () => {
    vi.useFakeTimers();
    try {
      const pending = checkHealth({ postgres: () => new Promise(() => undefined), cassandra: ok, kafka: ok });
      await vi.advanceTimersByTimeAsync(2_500);
      expect(await pending).toEqual({ postgres: "unavailable", cassandra: "ok", kafka: "ok" });
    } finally {
      vi.useRealTimers();
    }
  });
});
