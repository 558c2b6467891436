/**
 * One run per device, whatever the tabs: a second tab on the same course shows the run in progress (and only
 * the first tab coaches it), a pause in one tab shows in the other, and another course's run screen leads
 * back to the run in progress instead of starting a second one.
 */
import { expect, newRunner, signUp, test } from "./fixtures";

const COURSE = "30-minute-run-challenge-w1s1";
const OTHER_COURSE = "30-minute-run-challenge-w1s2";

test("a second tab follows the run in progress instead of starting another", async ({ page, context }) => {
  await signUp(page, newRunner());
  await page.goto(`/courses/${COURSE}/run`);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("current-step")).toHaveText("Warm-up walk");

  const second = await context.newPage();
  await second.goto(`/courses/${COURSE}/run`);
  await expect(second.getByTestId("current-step")).toHaveText("Warm-up walk");
  await expect(second.getByRole("button", { name: "Start", exact: true })).toHaveCount(0);
  await expect(second.getByText("This run is coached and recorded in another tab; this one only shows it.")).toBeVisible();
  await expect(page.getByText(/coached and recorded in another tab/)).toHaveCount(0);

  await second.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByText("Paused", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();

  await second.goto(`/courses/${OTHER_COURSE}/run`);
  await expect(second.getByText("A run of “First steps” is still in progress. Finish it before starting another.")).toBeVisible();
  await expect(second.getByRole("button", { name: "Start", exact: true })).toHaveCount(0);
  await second.getByRole("link", { name: "Go to that run" }).click();
  await expect(second).toHaveURL(new RegExp(`/courses/${COURSE}/run$`));
  await expect(second.getByRole("button", { name: "Resume" })).toBeVisible();

  // The first tab closes: the second takes over the coaching.
  await page.close();
  await expect(second.getByText(/coached and recorded in another tab/)).toHaveCount(0);
});
