/**
 * A device that cannot keep the run says so at the start line, before the runner sets off: almost no
 * storage left (a warning, the run can still start), or no IndexedDB at all (the run cannot be stored).
 * One runner for all three (sign-ups are rate limited), each situation in its own page.
 */
import { expect, newRunner, signUp, test } from "./fixtures";

const RUN_PAGE = "/courses/30-minute-run-challenge-w1s1/run";

test("the start line says when the device is almost full or cannot store the run", async ({ page, context }) => {
  await signUp(page, newRunner());

  // Plenty of room: no warning.
  await page.goto(RUN_PAGE);
  await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();
  await expect(page.getByTestId("storage-low")).toHaveCount(0);

  // 1 MB left of the origin's quota: warned, and the run can still start.
  const full = await context.newPage();
  await full.addInitScript(() => {
    navigator.storage.estimate = async () => ({ quota: 500_000_000, usage: 499_000_000 });
  });
  await full.goto(RUN_PAGE);
  await expect(full.getByRole("button", { name: "Start", exact: true })).toBeVisible();
  await expect(full.getByTestId("storage-low")).toHaveText(/almost out of storage/);

  // As in a private window that disables storage: opening any database fails, so there is no Start.
  const noDatabase = await context.newPage();
  await noDatabase.addInitScript(() => {
    IDBFactory.prototype.open = function open() {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
  });
  await noDatabase.goto(RUN_PAGE);
  await expect(noDatabase.getByRole("alert").filter({ hasText: "cannot store the run" })).toBeVisible();
  await expect(noDatabase.getByRole("button", { name: "Start", exact: true })).toHaveCount(0);
});
