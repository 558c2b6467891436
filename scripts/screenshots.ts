/**
 * Screenshots of the main pages at phone and desktop widths, for looking at the UI:
 * `tsx scripts/screenshots.ts [baseUrl] [outDir]` against a running app (default http://localhost:3000).
 * Signs up a throwaway runner so signed-in pages can be captured.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const baseUrl = process.argv[2] ?? "http://localhost:3000";
const outDir = path.resolve(process.argv[3] ?? ".data/screenshots");
mkdirSync(outDir, { recursive: true });

const viewports = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  for (const [name, viewport] of Object.entries(viewports)) {
    const context = await browser.newContext({ viewport, baseURL: baseUrl, locale: "en-US" });
    const page = await context.newPage();
    const shot = async (label: string) => {
      await page.screenshot({ path: path.join(outDir, `${label}-${name}.png`), fullPage: false });
    };
    await page.goto("/sign-up");
    await shot("sign-up");
    const unique = `shot${Date.now().toString(36)}`;
    await page.getByLabel("Name", { exact: true }).fill("Screenshot Runner");
    await page.getByLabel("Username", { exact: true }).fill(unique);
    await page.getByLabel("Email", { exact: true }).fill(`${unique}@example.test`);
    await page.getByLabel(/^Password/).fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/courses$/);
    await shot("courses");
    await page.locator("a.card").first().click();
    await page.waitForURL(/\/courses\/.+/);
    await shot("course");
    await page.goto("/history");
    await shot("history");
    // The same pages in Korean, as a runner who switched the language sees them.
    await context.addCookies([{ name: "locale", value: "ko", url: baseUrl }]);
    await page.goto("/courses");
    await shot("courses-ko");
    await page.goto("/courses/30-minute-run-challenge-w1s1");
    await shot("course-ko");
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`screenshots in ${outDir}`);
