import { describe, expect, it } from "vitest";
import { checkRunStorage, RUN_STORAGE_BYTES, startErrorMessage } from "./storage-room";

const storage = (estimate: () => Promise<StorageEstimate>) => ({ estimate, persist: async () => false });

describe("checkRunStorage", () => {
  it("says low when the free quota cannot hold a long run", async () => {
    expect(await checkRunStorage(storage(async () => ({ quota: 100_000_000, usage: 99_000_000 })))).toBe("low");
    expect(await checkRunStorage(storage(async () => ({ quota: RUN_STORAGE_BYTES, usage: 0 })))).toBe("low");
  });

  it("says enough with room to spare, or when the browser gives no estimate", async () => {
    expect(await checkRunStorage(storage(async () => ({ quota: 2_000_000_000, usage: 10_000_000 })))).toBe("enough");
    expect(await checkRunStorage(storage(async () => ({})))).toBe("enough");
    expect(await checkRunStorage(storage(() => Promise.reject(new Error("private mode"))))).toBe("enough");
    expect(await checkRunStorage(undefined)).toBe("enough");
  });
});

describe("startErrorMessage", () => {
  it("turns the browser's quota error into the runner's words", () => {
    const labels = { storageFull: "Storage is full" };
    expect(startErrorMessage(new DOMException("quota", "QuotaExceededError"), labels)).toBe("Storage is full");
    expect(startErrorMessage(new Error("boom"), labels)).toBe("boom");
  });
});
