/**
 * A whole coached run in seconds: the page's clock is frozen and moved forward by hand (`page.clock`), so
 * the 26-minute first course runs start to finish, with one pause and a reload in the middle. The coach
 * must say exactly the course's cue schedule (plus "paused" and "resumed"), the screen must come back from
 * the reload on the same step and second, and the server must end with the run completed.
 */
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { buildCueSchedule, courseDuration, type CourseStep } from "@/domain/coaching/schedule";
import type { StepType } from "@/domain/coaching/step-types";
import { expect, newRunner, serverActivity, signUp, test } from "./fixtures";

const COURSE = "30-minute-run-challenge-w1s1";
const catalog = JSON.parse(readFileSync(new URL("../seed/catalog/01-30-minute-run-challenge.json", import.meta.url), "utf8")) as {
  courses: { slug: string; steps: [StepType, number][] }[];
};
const STEPS: CourseStep[] = catalog.courses
  .find((course) => course.slug === COURSE)!
  .steps.map(([type, durationSeconds]) => ({ type, durationSeconds }));

interface CoachLogEntry {
  key: string;
  scheduledAt: number;
  lateMs: number;
}

function coachLog(page: Page): Promise<CoachLogEntry[]> {
  return page.evaluate(() => (window as unknown as { __runcoachCoachLog?: CoachLogEntry[] }).__runcoachCoachLog ?? []);
}

/** Moves the page's frozen clock forward in steps, as a runner's seconds pass. */
async function runFor(page: Page, ms: number, stepMs = 20_000) {
  for (let done = 0; done < ms; done += stepMs) await page.clock.runFor(Math.min(stepMs, ms - done));
}

test("a runner is coached through a whole course with a pause and a reload, and the server has it completed", async ({ page }) => {
  test.setTimeout(240_000);
  // An hour in the past, so a run fast-forwarded by half an hour still ends before the server's "now".
  await page.clock.install({ time: Date.now() - 60 * 60_000 });
  await signUp(page, newRunner());
  await page.goto(`/courses/${COURSE}/run`);
  const start = page.getByRole("button", { name: "Start", exact: true });
  await expect(start).toBeVisible();
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  await start.click();

  const step = page.getByTestId("current-step");
  const timeLeft = page.getByTestId("step-time-left");
  await expect(step).toHaveText("Warm-up walk");
  await expect(timeLeft).toHaveText("05:00");

  // Pause 400 s in (during the first walk), for a minute.
  await runFor(page, 400_000);
  await expect(timeLeft).toHaveText("01:20");
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByText("Paused", { exact: true })).toBeVisible();
  await runFor(page, 60_000);
  await expect(timeLeft).toHaveText("01:20");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();

  // Reload 20 s into the third run step (it starts at 660 s of running): same step, 40 s left.
  await runFor(page, 280_000);
  await expect(step).toHaveText("Run");
  await expect(page.getByText("Step 6 of 13")).toBeVisible();
  await expect(timeLeft).toHaveText("00:40");
  const beforeReload = await coachLog(page);
  await page.reload();
  await expect(step).toHaveText("Run");
  await expect(page.getByText("Step 6 of 13")).toBeVisible();
  await expect(timeLeft).toHaveText("00:40");

  // The rest of the course, and a little more.
  await runFor(page, (courseDuration(STEPS) - 680) * 1000 + 5_000);
  await expect(page.getByRole("heading", { name: /Course complete/ })).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText("Completed");
  const log = [...beforeReload, ...(await coachLog(page))];

  const keys = log.map((entry) => entry.key);
  const expected = buildCueSchedule(STEPS).map((cue) => cue.key);
  const beforePause = buildCueSchedule(STEPS).filter((cue) => cue.at <= 400).length;
  expect(keys).toEqual([...expected.slice(0, beforePause), "paused", "resumed", ...expected.slice(beforePause)]);
  // Ticks land on the run's whole seconds, where cues fall: each is asked for within a few ms of its moment.
  expect(Math.max(...log.map((entry) => entry.lateMs))).toBeLessThanOrEqual(50);

  // The server has the run completed, with the times this device recorded.
  const upload = page.getByTestId("upload-status");
  await expect
    .poll(async () => {
      await page.clock.runFor(2_000); // lets the outbox's retry timer fire while the clock is frozen
      return upload.textContent();
    })
    .toBe("Everything uploaded");
  const activityId = (await page.locator("[data-activity-id]").getAttribute("data-activity-id"))!;
  const activity = await serverActivity(page, activityId);
  expect(activity.status).toBe("completed");
  expect(Date.parse(activity.startedAt)).toBe(Date.parse((await page.getByTestId("run-started-at").getAttribute("datetime"))!));
  expect(Date.parse(activity.finishedAt ?? "")).toBe(Date.parse((await page.getByTestId("run-finished-at").getAttribute("datetime"))!));
  expect(activity.activeSeconds).toBeCloseTo(courseDuration(STEPS), 0);
});
