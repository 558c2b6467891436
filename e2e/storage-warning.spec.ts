/**
 * A device that cannot keep the run says so at the start line, before the runner sets off: almost no
 * storage left (a warning, the run can still start), or no IndexedDB at all (the run cannot be stored).
 */
import { expect, newRunner, signUp, test } from "./fixtures";

const RUN_PAGE = "/courses/30-minute-run-challenge-w1s1/run";

test("a nearly full device is warned before the start", async ({ page }) => {
  await page.addInitScript(() => {
    // 1 MB left of the origin's quota.
    navigator.storage.estimate = async () => ({ quota: 500_000_000, usage: 499_000_000 });
  });
  await signUp(page, newRunner());
  await page.goto(RUN_PAGE);
  await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();
  await expect(page.getByTestId("storage-low")).toHaveText(/almost out of storage/);
});

test("a device with plenty of room shows no storage warning", async ({ page }) => {
  await signUp(page, newRunner());
  await page.goto(RUN_PAGE);
  await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();
  await expect(page.getByTestId("storage-low")).toHaveCount(0);
});

test("a browser whose IndexedDB cannot be opened says the run cannot be stored", async ({ page }) => {
  await signUp(page, newRunner());
  await page.addInitScript(() => {
    // As in a private window that disables storage: opening any database fails.
    IDBFactory.prototype.open = function open() {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
  });
  await page.goto(RUN_PAGE);
  await expect(page.getByRole("alert").filter({ hasText: "cannot store the run" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start", exact: true })).toHaveCount(0);
});
