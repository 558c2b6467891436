/**
 * A run with no network at all: the runner downloads a course, goes offline, opens its run screen from the
 * course page, runs (the clock fast-forwarded) and stops. Nothing reaches the server until the network
 * returns; then the outbox delivers the start and the finish, and the server's activity has exactly the
 * status and times the phone recorded.
 */
import { serverActivity, downloadCourse, expect, newRunner, signUp, test } from "./fixtures";

const COURSE = "30-minute-run-challenge-w1s1";

test("a downloaded course is run offline, and the server gets the run when the network returns", async ({ page, context }) => {
  test.setTimeout(180_000);
  // In the past, so the fast-forwarded run still ends before the server's "now".
  await page.clock.install({ time: Date.now() - 60 * 60_000 });
  await signUp(page, newRunner());
  await downloadCourse(page, COURSE);

  await context.setOffline(true);
  await page.getByRole("link", { name: "Start run" }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${COURSE}/run$`));
  await expect(page.getByText("Downloaded: runs with no network")).toBeVisible();
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("current-step")).toHaveText("Warm-up walk");

  // The first cue plays from the course's cache (headless audio is silent, but its clock runs).
  const voice = page.getByTestId("coach-voice");
  await expect
    .poll(() => voice.evaluate((element: HTMLAudioElement) => ({ error: element.error?.code ?? null, played: element.currentTime > 0 || element.ended })))
    .toEqual({ error: null, played: true });
  // Music under it, from the cache too, at the full music volume once the cue is over (ducking: unit tests).
  const music = page.getByTestId("coach-music");
  await expect.poll(() => music.evaluate((element: HTMLAudioElement) => element.currentTime)).toBeGreaterThan(0);
  await expect.poll(() => music.evaluate((element: HTMLAudioElement) => element.volume)).toBeCloseTo(0.6);

  for (let i = 0; i < 20; i++) await page.clock.runFor(20_000);
  await expect(page.getByTestId("current-step")).toHaveText("Walk"); // 400 s in: the first walk
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("dialog", { name: "Stop this run?" }).getByRole("button", { name: "Stop run" }).click();
  await expect(page.getByRole("heading", { name: "Run stopped" })).toBeVisible();
  await expect(page.getByTestId("upload-status")).toHaveText("2 events waiting to upload");
  const startedAt = Date.parse((await page.getByTestId("run-started-at").getAttribute("datetime"))!);
  const finishedAt = Date.parse((await page.getByTestId("run-finished-at").getAttribute("datetime"))!);
  expect(finishedAt - startedAt).toBe(400_000);

  await context.setOffline(false);
  await expect
    .poll(async () => {
      await page.clock.runFor(5_000); // lets the outbox's backoff timer fire while the clock is frozen
      return page.getByTestId("upload-status").textContent();
    }, { timeout: 60_000 })
    .toBe("Everything uploaded");

  const activityId = (await page.locator("[data-activity-id]").getAttribute("data-activity-id"))!;
  const activity = await serverActivity(page, activityId);
  expect(activity.status).toBe("stopped");
  expect(Date.parse(activity.startedAt)).toBe(startedAt);
  expect(Date.parse(activity.finishedAt ?? "")).toBe(finishedAt);
});
