/**
 * Friends' runs, as two runners and a stranger live it: two runners sign up and become friends by username
 * (request, accept); one keeps home privacy on and runs a course with moving GPS; the other opens the
 * friend's history from the friends page, sees the run, and its route without the first and last 200 m
 * (about 400 m less route than the owner sees, no GPX download); a signed-in stranger gets the not-found page
 * for the same run and history URLs.
 */
import type { Page } from "@playwright/test";
import { befriend, expect, newRunner, settledActivity, signedUp, test } from "./fixtures";

// North along the Han river path, 25 m between fixes 3 s apart (about 8 m/s: under the record's 10 m/s
// limit for a runner on foot, so every step counts): about 700 m, so 200 m off each end leaves some.
const FIX_INTERVAL_MS = 3_000;
const ROUTE = Array.from({ length: 29 }, (_, i) => ({ lat: 37.5283 + i * 0.000225, lng: 126.9326 }));

/** Metres of route the page was given to draw. */
async function routeMeters(page: Page): Promise<number> {
  return Number(await page.getByTestId("route-map").getAttribute("data-meters"));
}

test("a friend sees a run with its ends trimmed; a stranger finds nothing", async ({ browser }) => {
  test.setTimeout(300_000);
  const owner = newRunner();
  const friend = newRunner();
  const a = await signedUp(browser, owner);
  const b = await signedUp(browser, friend);

  // Friends by username: the owner asks, the friend accepts.
  await befriend({ page: a.page, runner: owner }, { page: b.page, runner: friend });

  // Home privacy: the owner turns it off and on again, and it is saved on.
  const hideEnds = a.page.getByRole("checkbox", { name: /Hide the start and finish/ });
  await a.page.reload();
  await hideEnds.uncheck();
  await expect(a.page.getByText("Saved.")).toBeVisible();
  await hideEnds.check();
  await expect(a.page.getByText("Saved.")).toBeVisible();
  await a.page.reload();
  await expect(hideEnds).toBeChecked();

  // The owner runs with moving GPS and stops.
  await a.context.grantPermissions(["geolocation"]);
  await a.context.setGeolocation({ latitude: ROUTE[0]!.lat, longitude: ROUTE[0]!.lng, accuracy: 5 });
  await a.page.goto("/courses/30-minute-run-challenge-w1s1/run");
  await a.page.getByRole("button", { name: "Start", exact: true }).click();
  const status = a.page.getByTestId("gps-status");
  await expect(status).toContainText(/[1-9]\d* GPS points recorded/);
  for (const fix of ROUTE.slice(1)) {
    await a.page.waitForTimeout(FIX_INTERVAL_MS);
    await a.context.setGeolocation({ latitude: fix.lat, longitude: fix.lng, accuracy: 5 });
  }
  await a.page.waitForTimeout(FIX_INTERVAL_MS);
  await a.page.getByRole("button", { name: "Stop", exact: true }).click();
  await a.page.getByRole("dialog", { name: "Stop this run?" }).getByRole("button", { name: "Stop run" }).click();
  await expect(a.page.getByTestId("upload-status")).toHaveText("Everything uploaded", { timeout: 30_000 });
  await expect(a.page.getByTestId("gps-status")).toContainText("· 0 waiting to upload", { timeout: 30_000 });
  await settledActivity(a.page, (await a.page.locator("[data-activity-id]").getAttribute("data-activity-id"))!);

  // The owner sees the whole route and may download it.
  await a.page.goto("/history");
  await a.page.getByTestId("history-run").first().click();
  await expect(a.page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const runUrl = new URL(a.page.url()).pathname;
  const ownerMeters = await routeMeters(a.page);
  expect(ownerMeters).toBeGreaterThan(600);
  await expect(a.page.getByRole("link", { name: "Download GPX" })).toBeVisible();

  // The friend opens the owner's history from the friends page, then the run.
  await b.page.goto("/friends");
  await b.page.getByRole("link", { name: `See runs: ${owner.username}` }).click();
  await expect(b.page).toHaveURL(new RegExp(`/history/${owner.username}$`));
  await expect(b.page.getByRole("heading", { level: 1 })).toHaveText(`${owner.name}'s runs`);
  const listed = b.page.getByTestId("history-run");
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText("First steps");
  await listed.click();
  await expect(b.page).toHaveURL(new RegExp(`${runUrl}$`));
  await expect(b.page.getByText("The start and end of the route are hidden.")).toBeVisible();
  // About 700 m with 200 m off each end: roughly 300 m of it.
  const friendMeters = await routeMeters(b.page);
  expect(friendMeters).toBeGreaterThan(0);
  expect(ownerMeters - friendMeters).toBeGreaterThanOrEqual(399);
  expect(ownerMeters - friendMeters).toBeLessThanOrEqual(401);
  await expect(b.page.getByRole("link", { name: "Download GPX" })).toHaveCount(0);
  expect((await b.page.request.get(`${runUrl}/gpx`)).status()).toBe(403);
  await expect(b.page.getByRole("link", { name: `Back to ${owner.name}'s runs` })).toBeVisible();

  // A stranger (signed up well after the first two: better-auth allows a few sign-ups per 10 s).
  const c = await signedUp(browser, newRunner());
  for (const url of [runUrl, `/history/${owner.username}`]) {
    const response = await c.page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(c.page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(c.page.getByTestId("history-run")).toHaveCount(0);
    await expect(c.page.getByTestId("route-map")).toHaveCount(0);
  }
  expect((await c.page.request.get(`${runUrl}/gpx`)).status()).toBe(404);

  for (const session of [a, b, c]) await session.context.close();
});
