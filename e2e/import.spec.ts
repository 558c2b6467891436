/**
 * Importing runs on the history page: a runner drops two good files (a Garmin Connect GPX and a FIT from
 * another run) and a damaged one onto the import area. Each file shows its own result; the damaged one names
 * itself and its problem and imports nothing; the two runs appear in the history, marked imported, with the
 * distances the record computation finds. Dropping one of them again is reported and skipped.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, newRunner, signUp, test } from "./fixtures";

const SHARED = process.env.GPX_FIXTURES_DIR ?? path.resolve(process.cwd(), "..", "shared", "gpx");
const MESSY = path.resolve(process.cwd(), "test-support", "import-fixtures");

const files = [
  { name: "wt-garmin-connect-run-3k.gpx", file: path.join(SHARED, "wt-garmin-connect-run-3k.gpx") },
  { name: "mytracks-run.fit", file: path.join(MESSY, "mytracks-run.fit") },
  { name: "truncated.gpx", file: path.join(MESSY, "truncated.gpx") },
];

/** Drops files on the import area as a desktop browser does: a `drop` event carrying them. */
async function dropFiles(page: Page, chosen: { name: string; file: string }[]) {
  const payload = chosen.map(({ name, file }) => ({ name, base64: readFileSync(file).toString("base64") }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name));
    }
    return transfer;
  }, payload);
  await page.getByTestId("import-drop").dispatchEvent("drop", { dataTransfer });
}

test("drop two good files and a damaged one: two imported runs and a clear error", async ({ page }) => {
  await signUp(page, newRunner());
  await page.goto("/history");
  await expect(page.getByRole("heading", { name: "Import runs" })).toBeVisible();
  await dropFiles(page, files);

  const rows = page.getByTestId("import-file");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute("data-result", "imported", { timeout: 30_000 });
  await expect(rows.nth(1)).toHaveAttribute("data-result", "imported", { timeout: 30_000 });
  await expect(rows.nth(2)).toHaveAttribute("data-result", "bad-file", { timeout: 30_000 });
  await expect(rows.nth(0)).toContainText(/Imported: 3\.\d+ km, 206 points/);
  await expect(rows.nth(1)).toContainText(/Imported: 4\.\d+ km, 408 points/);
  await expect(rows.nth(2)).toContainText("truncated.gpx");
  await expect(rows.nth(2).getByRole("alert")).toContainText("damaged");
  await expect(page.getByRole("status")).toContainText("2 imported, 0 skipped, 1 not imported");

  // The history lists both, marked imported, once their records are computed (the Location Service, a moment later).
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("history-run").filter({ has: page.getByTestId("imported-badge") }).getByTestId("run-distance").allTextContents();
      },
      { timeout: 30_000 },
    )
    .toEqual([expect.stringMatching(/^4\.\d+ km$/), expect.stringMatching(/^3\.\d+ km$/)]);
  await expect(page.getByTestId("imported-badge").first()).toContainText("FIT");
  await page.getByTestId("history-run").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Imported run (FIT)");
  await page.goto("/history");

  // With runs in the history, the import folds to its heading: the runs come first; a tap opens it.
  const importSection = page.getByTestId("import-runs");
  await expect(importSection).not.toHaveAttribute("open");
  await expect(page.getByText("Choose files")).toBeHidden();
  await page.getByRole("heading", { name: "Import runs" }).click();
  await expect(importSection).toHaveAttribute("open");
  await expect(page.getByText("Choose files")).toBeVisible();

  // The same FIT again: reported and skipped, nothing added.
  await dropFiles(page, [files[1]!]);
  await expect(page.getByTestId("import-file").first()).toHaveAttribute("data-result", "already-imported", { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId("history-run")).toHaveCount(2);
});
