/**
 * A run the server does not have yet is still in History: the runner stops a run while uploads fail (the
 * upload API answers 503, for the pages and the service worker alike), opens History from another page, and
 * finds the run there from the phone's storage, marked as waiting, with the header saying so. When uploads
 * work again, the app uploads it from History (no run screen open) and it moves to the server's list.
 */
import { expect, newRunner, signUp, test } from "./fixtures";

const COURSE = "30-minute-run-challenge-w1s1";
const TITLE = "First steps";

test("a run stored on the device shows in History as waiting until it is uploaded", async ({ page, context }) => {
  let uploadsFail = true;
  await context.route("**/api/trpc/activities.syncEvents", (route) =>
    uploadsFail
      ? route.fulfill({ status: 503, json: { error: { json: { message: "Service unavailable", code: -32603, data: { httpStatus: 503 } } } } })
      : route.fallback(),
  );
  await signUp(page, newRunner());
  await page.goto(`/courses/${COURSE}/run`);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("upload-status")).toHaveText("1 event waiting to upload");
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("dialog", { name: "Stop this run?" }).getByRole("button", { name: "Stop run" }).click();
  await expect(page.getByTestId("upload-status")).toHaveText("2 events waiting to upload");

  // The run screen has no site header: the runner leaves it by its own link.
  await page.getByRole("link", { name: "Back to the course" }).click();
  const badge = page.getByRole("link", { name: "1 run waiting to upload" });
  await expect(badge).toBeVisible();
  await badge.click();
  await expect(page).toHaveURL(/\/history$/);
  const onDevice = page.getByRole("region", { name: "On this device" });
  await expect(onDevice.getByRole("listitem")).toHaveCount(1);
  await expect(onDevice.getByRole("listitem")).toContainText(TITLE);
  await expect(onDevice.getByRole("listitem")).toContainText("waiting to upload");
  // The server has nothing of it yet (its start never got through).
  await expect(page.getByTestId("history-run")).toHaveCount(0);

  uploadsFail = false;
  // The app-wide uploader retries on its own (backoff); a runner coming back online nudges it at once.
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(onDevice).toHaveCount(0, { timeout: 30_000 });
  await expect(badge).toHaveCount(0);
  await expect(page.getByTestId("history-run")).toHaveCount(1);
  await expect(page.getByTestId("history-run")).toContainText(TITLE);
  await expect(page.getByTestId("history-run")).toContainText("stopped");
});
