/**
 * The runner closes the tab mid-run: the fixes of the last seconds, not yet uploaded, go up at once when the
 * page is hidden (with `keepalive`, so the request outlives the page) and are in Cassandra afterwards.
 * The page's clock is frozen, so no timer uploads them first: only the page being hidden can.
 */
import { expect, newRunner, signUp, test } from "./fixtures";
import { noteStoredPointIds, pointIdsInCassandra, storedPointIds } from "./gps-support";

const ROUTE = Array.from({ length: 4 }, (_, i) => ({ latitude: 37.5283 + i * 0.00003, longitude: 126.9326, accuracy: 5 }));

test("the last fixes reach the server when the page is hidden and closed", async ({ page, context }) => {
  await noteStoredPointIds(context);
  await page.clock.install({ time: Date.now() - 30 * 60_000 });
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation(ROUTE[0]!);
  await signUp(page, newRunner());
  await page.goto("/courses/30-minute-run-challenge-w1s1/run");
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  // The start event goes up at once; the first fix (taken at the start) waits for the uploader.
  await expect(page.getByTestId("upload-status")).not.toContainText("event");

  // A few fixes a second apart, seconds in all: the uploader's nudge comes every 15 s of waiting (cadence.ts),
  // so none of them is sent by a timer.
  for (const fix of ROUTE) {
    await page.clock.runFor(1_000);
    const before = (await storedPointIds(page)).length;
    await context.setGeolocation(fix);
    await expect.poll(async () => (await storedPointIds(page)).length).toBeGreaterThan(before);
  }
  const stored = await storedPointIds(page);
  const status = page.getByTestId("gps-status");
  const waiting = async () => Number(/· (\d+) waiting to upload/.exec((await status.textContent()) ?? "")?.[1] ?? 0);
  // The fixes after the start are all waiting; the one taken at the start may already have gone up with the
  // start event's upload round (which packs whatever fixes are stored by then), depending on which came first.
  await expect.poll(waiting).toBeGreaterThanOrEqual(ROUTE.length);

  // The tab goes to the background (as before a close on a phone), and is closed as soon as the upload leaves.
  const upload = page.waitForRequest((request) => request.url().includes("activities.appendPoints"));
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  const request = await upload;
  await page.close();
  const activityId = (request.postDataJSON() as { json: { activityId: string } }).json.activityId;

  await expect.poll(async () => new Set(await pointIdsInCassandra(activityId)), { timeout: 20_000 }).toEqual(new Set(stored));
});
