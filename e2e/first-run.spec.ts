/**
 * The first run, as a runner lives it: sign up, open a course, start the coached run, move with GPS, stop,
 * and find the run in history with the distance the server computed from the points stored in Cassandra.
 */
import { pathDistance } from "@/domain/geo/distance";
import { WARM_UP_SECONDS } from "@/domain/record/thresholds";
import { expect, newRunner, settledActivity, signUp, test } from "./fixtures";

// A straight line north along the Han river path in Seoul, about 14 m between fixes (0.000125° of latitude).
// Fixes come this far apart in real time (the browser stamps them), about 4.6 m/s: the server's record
// drops steps faster than a runner on foot, so a route replayed at full speed would count for nothing.
const FIX_INTERVAL_MS = 3_000;
const ROUTE = Array.from({ length: 12 }, (_, i) => ({ lat: 37.5283 + i * 0.000125, lng: 126.9326 }));

async function recordedCount(text: string | null): Promise<number> {
  return Number(/(\d+) GPS points recorded/.exec(text ?? "")?.[1] ?? 0);
}

test("a new runner runs a course with moving GPS and sees it in history", async ({ page, context }) => {
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation({ latitude: ROUTE[0]!.lat, longitude: ROUTE[0]!.lng, accuracy: 5 });

  await signUp(page, newRunner());
  await page.getByRole("link", { name: /First steps/ }).click();
  await page.getByRole("link", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/courses\/30-minute-run-challenge-w1s1\/run$/);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("current-step")).toHaveText("Warm-up walk");

  const status = page.getByTestId("gps-status");
  await expect(status).toContainText(/[1-9]\d* GPS points recorded/);
  // The fixes of the first seconds after Start are the receiver's warm-up and count for nothing
  // (docs/record.md): the runner stands at the start through it, and the route begins with a fix taken there.
  await page.waitForTimeout(WARM_UP_SECONDS * 1000);
  for (const fix of ROUTE) {
    await page.waitForTimeout(FIX_INTERVAL_MS);
    const before = await recordedCount(await status.textContent());
    await context.setGeolocation({ latitude: fix.lat, longitude: fix.lng, accuracy: 5 });
    await expect.poll(async () => recordedCount(await status.textContent())).toBeGreaterThan(before);
  }
  await expect(page.getByTestId("live-distance")).not.toHaveText("—");

  await page.getByRole("button", { name: "Stop", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Stop this run?" });
  await dialog.getByRole("button", { name: "Stop run" }).click();
  await expect(page.getByRole("heading", { name: "Run stopped" })).toBeVisible();
  // Everything has reached the server before the runner looks at history.
  await expect(page.getByTestId("upload-status")).toHaveText("Everything uploaded", { timeout: 20_000 });
  await expect(page.getByTestId("gps-status")).toContainText("· 0 waiting to upload", { timeout: 20_000 });
  // The server computes the record a moment after the finish arrives; history says "computing…" until then.
  await settledActivity(page, (await page.locator("[data-activity-id]").getAttribute("data-activity-id"))!);

  await page.getByRole("link", { name: "See it in your history" }).click();
  await expect(page).toHaveURL(/\/history$/);
  const run = page.getByTestId("history-run").first();
  await expect(run).toContainText("First steps");
  await expect(run).toContainText("stopped");

  // Every fix lies on one straight line, so the distance is start-to-end whatever fixes Chromium repeated.
  const expected = pathDistance(ROUTE);
  const shown = Number(/([\d.]+) m/.exec((await run.getByTestId("run-distance").textContent()) ?? "")?.[1]);
  expect(shown).toBeGreaterThan(expected * 0.95);
  expect(shown).toBeLessThan(expected * 1.05);
});
