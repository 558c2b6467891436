/**
 * A live run, as a runner and two others live it: two friends, a runner who lets friends follow this run
 * live on the start panel, and a friend who finds the run under "Running now", opens the live page and sees
 * the route grow and the course step change, sends a cheer that the runner's screen shows and says, and sees
 * the page end with a link to the record when the run stops; a signed-in stranger gets the not-found page
 * and a 404 from the events endpoint.
 *
 * The runner's page clock starts 140 s in the past, so the run's start is dated then and the course's first
 * step (a 3-minute warm-up walk) ends 40 s into the journey instead of 3 minutes (the fixes carry the real
 * time, which the server's window allows: points after the start, none in the future).
 */
import type { Page } from "@playwright/test";
import { befriend, expect, newRunner, signedUp, test } from "./fixtures";
import { followFromRunningNow, LIVE_COURSE, liveFixAt, startSharedRun, walk } from "./live-support";

const START_OFFSET_MS = 140_000;

const points = async (page: Page) => Number((await page.getByTestId("live-route").getAttribute("data-points")) ?? 0);

test("a friend follows a run live, cheers, and the runner hears it; a stranger finds nothing", async ({ browser }) => {
  test.setTimeout(300_000);
  const runner = newRunner();
  const friend = newRunner();
  const a = await signedUp(browser, runner);
  const b = await signedUp(browser, friend);

  await befriend({ page: a.page, runner }, { page: b.page, runner: friend });
  // Off by default: nobody follows a run the runner did not share.
  await a.page.reload();
  await expect(a.page.getByRole("checkbox", { name: /Let my friends follow my runs live/ })).not.toBeChecked();

  // The runner starts with "Let friends follow this run live" on, and moves.
  await a.context.grantPermissions(["geolocation"]);
  await a.context.setGeolocation(liveFixAt(0));
  await a.page.clock.install({ time: Date.now() - START_OFFSET_MS });
  await a.page.goto(`/courses/${LIVE_COURSE}/run`);
  await expect(a.page.getByRole("switch", { name: "Let friends follow this run live" })).not.toBeChecked();
  await startSharedRun(a.page);
  const walking = walk(a.context, a.page);

  // The friend finds it under "Running now" and follows it.
  await followFromRunningNow(b.page, runner.name);
  const liveUrl = new URL(b.page.url()).pathname;
  await expect(b.page.getByTestId("live-step")).toHaveText("Warm-up walk");
  await expect(b.page.getByTestId("live-status")).toContainText(/Last update \d+ s ago/);

  // The route grows (past the hidden first 200 m), and the step changes when the warm-up ends.
  await expect.poll(() => points(b.page), { timeout: 40_000 }).toBeGreaterThan(1);
  const before = await points(b.page);
  await expect.poll(() => points(b.page), { timeout: 20_000 }).toBeGreaterThan(before);
  await expect(b.page.getByTestId("live-step")).toHaveText("Brisk walk", { timeout: 60_000 });
  expect(await b.page.getByTestId("live-distance").textContent()).toMatch(/\d+ m|km/);

  // A cheer: shown on the runner's screen and said (logged once the coach was silent).
  await b.page.getByRole("button", { name: "Go go go!" }).click();
  await expect(b.page.getByTestId("cheer-status")).toHaveText("Cheer sent.");
  await expect(a.page.getByTestId("cheer-banner")).toHaveText(`${friend.name} is cheering for you! Go go go!`, { timeout: 25_000 });
  await expect
    .poll(() => a.page.evaluate(() => (window.__runcoachCheerLog ?? []).filter((entry) => entry.spokenAt !== null).length), { timeout: 15_000 })
    .toBe(1);

  // A stranger gets the not-found page and the same 404 from the events endpoint.
  const c = await signedUp(browser, newRunner());
  const response = await c.page.goto(liveUrl);
  expect(response?.status()).toBe(404);
  await expect(c.page.getByRole("heading", { name: "Not found" })).toBeVisible();
  expect((await c.page.request.get(`/api${liveUrl}/events`)).status()).toBe(404);

  // The runner stops; the friend's page ends with the record.
  await walking.stop();
  await a.page.getByRole("button", { name: "Stop", exact: true }).click();
  await a.page.getByRole("dialog", { name: "Stop this run?" }).getByRole("button", { name: "Stop run" }).click();
  await expect(b.page.getByTestId("live-finished")).toContainText("The run is finished.", { timeout: 30_000 });
  await b.page.getByRole("link", { name: "See the run" }).click();
  await expect(b.page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);

  for (const session of [a, b, c]) await session.context.close();
});
