/**
 * The runner stops a run with no network and closes the tab. Nothing of the app is open when the network
 * returns: the service worker's Background Sync (Chromium) uploads the finish with the runner's session, and
 * the server's activity is stopped at the second the phone recorded. The page asked for the sync itself
 * (its upload round failed offline); Chromium holds the event while the worker is offline — Playwright's
 * `setOffline` emulates that for the worker too — and fires it when the network is back.
 */
import type { APIRequestContext } from "@playwright/test";
import { expect, newRunner, signUp, test, waitForServiceWorkerControl, type ServerActivity } from "./fixtures";

const COURSE = "30-minute-run-challenge-w1s1";

/** The server's activity, asked without any page (the context's cookies carry the session). */
async function activityWithoutPage(request: APIRequestContext, activityId: string): Promise<ServerActivity> {
  const input = encodeURIComponent(JSON.stringify({ json: { id: activityId } }));
  const response = await request.get(`/api/trpc/activities.get?input=${input}`);
  return ((await response.json()) as { result: { data: { json: ServerActivity } } }).result.data.json;
}

// Playwright's offline emulation does not always hold the service worker: in a fresh browser (the first spec of the
// suite) the worker's sync once went through while the context was "offline", so the finish was on the server before
// the network returned and the check below that it is not failed. Seen 1 run in 4 by hand; what the product does
// is not in question then (the worker delivered the finish with no page open), the precondition is. A retry runs
// the journey again in a fresh context.
test.describe.configure({ retries: 2 });

test("a run finished offline reaches the server after its tab is closed, when the network returns", async ({ page, context }) => {
  // In the past, so the fast-forwarded run still ends before the server's "now".
  await page.clock.install({ time: Date.now() - 30 * 60_000 });
  await signUp(page, newRunner());
  await page.goto(`/courses/${COURSE}/run`);
  await waitForServiceWorkerControl(page);
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("upload-status")).toHaveText("Everything uploaded"); // the start is on the server
  await page.clock.runFor(120_000);

  await context.setOffline(true);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("dialog", { name: "Stop this run?" }).getByRole("button", { name: "Stop run" }).click();
  await expect(page.getByRole("heading", { name: "Run stopped" })).toBeVisible();
  await expect(page.getByTestId("upload-status")).toHaveText("1 event waiting to upload");
  await expect(page.getByRole("link", { name: "1 run waiting to upload" })).toBeVisible();
  const activityId = (await page.locator("[data-activity-id]").getAttribute("data-activity-id"))!;
  const finishedAt = Date.parse((await page.getByTestId("run-finished-at").getAttribute("datetime"))!);
  // The failed round asked the browser for a sync, which waits for the network.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & { sync: { getTags(): Promise<string[]> } };
        return registration.sync.getTags();
      }),
    )
    .toContain("runcoach-outbox");

  const uploads: { fromWorker: boolean }[] = [];
  context.on("request", (request) => {
    if (request.url().includes("activities.syncEvents")) uploads.push({ fromWorker: request.serviceWorker() !== null });
  });
  // Closing the page makes it try once more (keepalive, as a real phone's hidden tab does). Such a request can
  // outlive the page's offline emulation, so it once reached the server in the full suite: refuse the page's
  // own requests from here, so that only the worker can deliver the finish.
  await page.route("**/api/trpc/activities.syncEvents", (route) => route.abort("internetdisconnected"));
  await page.close();
  expect(context.pages()).toHaveLength(0);
  expect((await activityWithoutPage(context.request, activityId)).finishedAt).toBeNull();

  await context.setOffline(false);
  await expect
    .poll(async () => (await activityWithoutPage(context.request, activityId)).finishedAt, { timeout: 30_000 })
    .not.toBeNull();
  const activity = await activityWithoutPage(context.request, activityId);
  expect(activity.status).toBe("stopped");
  expect(Date.parse(activity.finishedAt ?? "")).toBe(finishedAt);
  expect(uploads.length).toBeGreaterThan(0);
  expect(uploads.every((upload) => upload.fromWorker)).toBe(true);
});
