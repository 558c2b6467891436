/**
 * GPS through an offline stretch and a reload: the runner downloads a course, starts it and moves; the
 * network drops while fixes keep coming, the page is reloaded offline, the network returns, the run is
 * stopped. Every fix the phone recorded must reach the server exactly once (the server's point count equals
 * the phone's), and history shows the distance — which only holds if the fixes waiting in IndexedDB
 * survived the reload and were uploaded by the outbox.
 */
import { pathDistance } from "@/domain/geo/distance";
import { WARM_UP_SECONDS } from "@/domain/record/thresholds";
import { downloadCourse, expect, newRunner, settledActivity, signUp, test } from "./fixtures";

const COURSE = "30-minute-run-challenge-w1s1";
// A straight line north, about 14 m between fixes, 3 s apart (a runner's speed: faster steps count for nothing).
const FIX_INTERVAL_MS = 3_000;
const ROUTE = Array.from({ length: 15 }, (_, i) => ({ lat: 37.5283 + i * 0.000125, lng: 126.9326 }));

function gpsCounts(text: string | null): { recorded: number; waiting: number } {
  const match = /(\d+) GPS points recorded · (\d+) waiting to upload/.exec(text ?? "");
  return { recorded: Number(match?.[1] ?? 0), waiting: Number(match?.[2] ?? 0) };
}

test("fixes recorded offline and across a reload all reach the server once", async ({ page, context }) => {
  test.setTimeout(240_000);
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation({ latitude: ROUTE[0]!.lat, longitude: ROUTE[0]!.lng, accuracy: 5 });

  await signUp(page, newRunner());
  await downloadCourse(page, COURSE);
  await page.getByRole("link", { name: "Start run" }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${COURSE}/run$`));
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("current-step")).toHaveText("Warm-up walk");

  const status = page.getByTestId("gps-status");
  const counts = async () => gpsCounts(await status.textContent());
  await expect.poll(async () => (await counts()).recorded).toBeGreaterThan(0);

  /** Moves to the next fixes of the route, one every few seconds, each seen recorded. */
  async function move(fixes: typeof ROUTE) {
    for (const fix of fixes) {
      await page.waitForTimeout(FIX_INTERVAL_MS);
      const before = (await counts()).recorded;
      await context.setGeolocation({ latitude: fix.lat, longitude: fix.lng, accuracy: 5 });
      await expect.poll(async () => (await counts()).recorded).toBeGreaterThan(before);
    }
  }

  // The runner stands at the start through the receiver's warm-up (its fixes count for nothing), then moves.
  await page.waitForTimeout(WARM_UP_SECONDS * 1000);
  await move(ROUTE.slice(0, 4));
  await context.setOffline(true);
  await move(ROUTE.slice(4, 8));
  const beforeReload = await counts();
  expect(beforeReload.waiting).toBeGreaterThan(0);

  // Reloaded offline: the page comes from the course's cache, the run resumes, nothing waiting is lost.
  await page.reload();
  await expect(page.getByTestId("current-step")).toBeVisible();
  await expect.poll(async () => (await counts()).recorded).toBeGreaterThanOrEqual(beforeReload.recorded);
  expect((await counts()).waiting).toBeGreaterThanOrEqual(beforeReload.waiting);
  await move(ROUTE.slice(8, 11));

  await context.setOffline(false);
  await move(ROUTE.slice(11));

  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("dialog", { name: "Stop this run?" }).getByRole("button", { name: "Stop run" }).click();
  await expect(page.getByRole("heading", { name: "Run stopped" })).toBeVisible();
  await expect(page.getByTestId("upload-status")).toHaveText("Everything uploaded", { timeout: 60_000 });
  await expect(status).toContainText("· 0 waiting to upload");
  const recorded = (await counts()).recorded;

  const activityId = (await page.locator("[data-activity-id]").getAttribute("data-activity-id"))!;
  const activity = await settledActivity(page, activityId, (a) => a.pointCount === recorded);
  expect(activity.status).toBe("stopped");
  expect(activity.pointCount).toBe(recorded);

  await page.getByRole("link", { name: "See it in your history" }).click();
  await expect(page).toHaveURL(/\/history$/);
  const run = page.getByTestId("history-run").first();
  const expected = pathDistance(ROUTE);
  const shown = Number(/([\d.]+) m/.exec((await run.getByTestId("run-distance").textContent()) ?? "")?.[1]);
  expect(shown).toBeGreaterThan(expected * 0.95);
  expect(shown).toBeLessThan(expected * 1.05);
});
