import { beforeEach, describe, expect, it, vi } from "vitest";
import { flushOutbox } from "./flush";
import { notifyOutboxEnqueued } from "./status";
import { enqueueStart, networkError, useFreshDatabase } from "./testing/fake-db";

beforeEach(useFreshDatabase);

describe("outbox status across tabs", () => {
  it("another tab's status follows this tab's enqueues and uploads", async () => {
    // A second copy of the modules stands for another tab: its own channel, same database.
    vi.resetModules();
    const otherTab = await import("./status");
    otherTab.subscribeOutbox(() => {});
    await vi.waitFor(() => expect(otherTab.getOutboxStatus().events).toBe(0));

    await enqueueStart(1);
    await enqueueStart(2);
    await notifyOutboxEnqueued();
    await vi.waitFor(() => expect(otherTab.getOutboxStatus()).toMatchObject({ events: 2, rejected: 0 }));

    await flushOutbox(async (item) => {
      if (item.id === 2) throw networkError();
    });
    await vi.waitFor(() =>
      expect(otherTab.getOutboxStatus()).toEqual({ events: 1, points: 0, runs: 1, rejected: 0, lastError: "Failed to fetch", flushing: false }),
    );
  });
});
