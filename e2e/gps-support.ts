/**
 * What the GPS journeys need beyond a user's view: the ids of the fixes the phone stored, noted as the app
 * writes them to IndexedDB (in localStorage, which survives a reload), and the ids Cassandra holds for a run,
 * read straight from the table the server writes.
 */
import cassandra from "cassandra-driver";
import { expect, type BrowserContext, type Page } from "@playwright/test";

const STORED_IDS_KEY = "e2e-stored-point-ids";

/** From now on, every fix the app stores in `pending-points` is noted by id. Call before the first page. */
export async function noteStoredPointIds(context: BrowserContext): Promise<void> {
  await context.addInitScript((storageKey) => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === "pending-points" && typeof (value as { id?: unknown }).id === "string") {
        const ids = JSON.parse(localStorage.getItem(storageKey) ?? "[]") as string[];
        localStorage.setItem(storageKey, JSON.stringify([...ids, (value as { id: string }).id]));
      }
      return put.call(this, value, key);
    };
  }, STORED_IDS_KEY);
}

/**
 * Chromium stamps an emulated fix with the real clock, which `page.clock` cannot move: from now on each fix is
 * stamped with the page's clock when the app first reads it, so fixes fed on a test-driven clock carry that
 * clock's time. Call before the first page.
 */
export async function stampFixesWithPageClock(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const stamps = new WeakMap<GeolocationPosition, number>();
    Object.defineProperty(GeolocationPosition.prototype, "timestamp", {
      configurable: true,
      get(this: GeolocationPosition) {
        if (!stamps.has(this)) stamps.set(this, Date.now()); // the page's (test-driven) clock
        return stamps.get(this);
      },
    });
  });
}

export function storedPointIds(page: Page): Promise<string[]> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "[]") as string[], STORED_IDS_KEY);
}

export async function pointIdsInCassandra(activityId: string): Promise<string[]> {
  const client = new cassandra.Client({
    contactPoints: (process.env.CASSANDRA_CONTACT_POINTS ?? "127.0.0.1:9042").split(","),
    localDataCenter: process.env.CASSANDRA_LOCAL_DC ?? "datacenter1",
    keyspace: process.env.CASSANDRA_KEYSPACE ?? "runcoach",
  });
  try {
    const result = await client.execute("SELECT point_id FROM locations_by_activity WHERE activity_id = ?", [activityId], {
      prepare: true,
      fetchSize: 10_000,
    });
    return result.rows.map((row) => String(row.get("point_id")));
  } finally {
    await client.shutdown();
  }
}

/**
 * Stops the run through its dialog, then, with the page's clock frozen, moves it on 5 s at a time (so the
 * outbox's retry and backoff timers fire) until the app says everything is uploaded and no fix waits.
 */
export async function stopRunAndUploadOnPageClock(page: Page, timeoutMs: number): Promise<void> {
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("dialog", { name: "Stop this run?" }).getByRole("button", { name: "Stop run" }).click();
  await expect(page.getByRole("heading", { name: "Run stopped" })).toBeVisible();
  await expect
    .poll(
      async () => {
        await page.clock.runFor(5_000);
        return page.getByTestId("upload-status").textContent();
      },
      { timeout: timeoutMs },
    )
    .toBe("Everything uploaded");
  await expect(page.getByTestId("gps-status")).toContainText("· 0 waiting to upload");
}

/** The ids Cassandra holds for the run once it holds every one of `expected` (the writer is a moment behind). */
export async function waitForPointIdsInCassandra(activityId: string, expected: readonly string[], timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stored = await pointIdsInCassandra(activityId);
    const have = new Set(stored);
    if (expected.every((id) => have.has(id)) || Date.now() > deadline) return stored;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
