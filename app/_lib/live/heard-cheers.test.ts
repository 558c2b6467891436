import { describe, expect, it } from "vitest";
import { createHeardCheers, HEARD_KEPT_MS, MAX_HEARD_PER_RUN } from "./heard-cheers";
import { MemoryStorage } from "./testing/memory-storage";

describe("heard cheers", () => {
  it("claims a cheer once per run, also for a second memory on the same storage (a reload, another tab)", () => {
    const storage = new MemoryStorage();
    const first = createHeardCheers(storage);
    expect(first.claim("run-1", "a")).toBe(true);
    expect(first.claim("run-1", "a")).toBe(false);
    const afterReload = createHeardCheers(storage);
    expect(afterReload.claim("run-1", "a")).toBe(false);
    expect(afterReload.claim("run-1", "b")).toBe(true);
    expect(first.claim("run-1", "b")).toBe(false);
    expect(afterReload.claim("run-2", "a")).toBe(true);
  });

  it("keeps at most MAX_HEARD_PER_RUN ids per run, the latest", () => {
    const storage = new MemoryStorage();
    const heard = createHeardCheers(storage);
    for (let i = 0; i <= MAX_HEARD_PER_RUN; i++) heard.claim("run", `c${i}`);
    const fresh = createHeardCheers(storage);
    expect(fresh.claim("run", `c${MAX_HEARD_PER_RUN}`)).toBe(false);
    expect(fresh.claim("run", "c0")).toBe(true);
    expect((JSON.parse(storage.getItem("runcoach-heard-cheers:run")!) as { ids: string[] }).ids).toHaveLength(MAX_HEARD_PER_RUN);
  });

  it("forgets runs with no cheer for HEARD_KEPT_MS, and leaves other keys alone", () => {
    const storage = new MemoryStorage();
    let now = 1_000;
    createHeardCheers(storage, () => now).claim("old-run", "a");
    storage.setItem("runcoach-other", "kept");
    now += HEARD_KEPT_MS + 1;
    createHeardCheers(storage, () => now).claim("new-run", "b");
    expect([...storage.items.keys()].sort()).toEqual(["runcoach-heard-cheers:new-run", "runcoach-other"]);
  });

  it("still claims once in this memory when storage is full or missing", () => {
    const storage = new MemoryStorage();
    storage.full = true;
    const heard = createHeardCheers(storage);
    expect(heard.claim("run", "a")).toBe(true);
    expect(heard.claim("run", "a")).toBe(false);
    const none = createHeardCheers(null);
    expect(none.claim("run", "a")).toBe(true);
    expect(none.claim("run", "a")).toBe(false);
  });
});
