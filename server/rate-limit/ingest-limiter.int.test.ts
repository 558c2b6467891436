/** The limiter in memory and against the machine's real Redis (127.0.0.1:6379, or TEST_REDIS_URL). */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RateLimitedError } from "../errors";
import { createIngestLimiter } from "./ingest-limiter";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function consumeUntilRefused(limiter: ReturnType<typeof createIngestLimiter>, userId: string, max: number) {
  for (let i = 0; i < max; i++) {
    try {
      await limiter.consume(userId);
    } catch (error) {
      return { allowed: i, error };
    }
  }
  return { allowed: max, error: null };
}

describe("ingest limiter", () => {
  it("in memory: allows the budget, then refuses with the wait, per runner", async () => {
    const limiter = createIngestLimiter({ batchesPerWindow: 5, windowSeconds: 60 });
    const first = await consumeUntilRefused(limiter, "runner-a", 10);
    expect(first.allowed).toBe(5);
    expect(first.error).toBeInstanceOf(RateLimitedError);
    expect((first.error as RateLimitedError).retryAfterMs).toBeGreaterThan(55_000);
    expect((first.error as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(60_000);
    expect((await consumeUntilRefused(limiter, "runner-b", 10)).allowed).toBe(5);
  });

  it("with Redis: two app servers share one budget per runner", async () => {
    const userId = `runner-${randomUUID()}`;
    const serverA = createIngestLimiter({ batchesPerWindow: 6, windowSeconds: 60, redisUrl: REDIS_URL });
    const serverB = createIngestLimiter({ batchesPerWindow: 6, windowSeconds: 60, redisUrl: REDIS_URL });
    await new Promise((resolve) => setTimeout(resolve, 300)); // let both connect
    for (let i = 0; i < 3; i++) {
      await serverA.consume(userId);
      await serverB.consume(userId);
    }
    await expect(serverA.consume(userId)).rejects.toBeInstanceOf(RateLimitedError);
    await expect(serverB.consume(userId)).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("with Redis unreachable: falls back to memory instead of refusing uploads", async () => {
    const limiter = createIngestLimiter({ batchesPerWindow: 3, windowSeconds: 60, redisUrl: "redis://127.0.0.1:1" });
    const result = await consumeUntilRefused(limiter, "runner-c", 10);
    expect(result.allowed).toBe(3);
    expect(result.error).toBeInstanceOf(RateLimitedError);
  });
});
