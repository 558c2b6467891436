/**
 * What the live-run specs share: the course they run (a 3-minute warm-up walk, then a brisk walk), a runner's
 * emulated walk north along the Han river path (15 m between fixes 2 s apart: past home privacy's 200 m
 * after 14 fixes), the run started with "Let friends follow this run live" on, and a friend finding it under
 * "Running now" and opening its live page.
 */
import type { BrowserContext, Page } from "@playwright/test";
import { expect } from "./fixtures";

export const LIVE_COURSE = "walking-for-health-w1s1";
const FIX_INTERVAL_MS = 2_000;
export const liveFixAt = (i: number) => ({ latitude: 37.5283 + i * 0.000135, longitude: 126.9326, accuracy: 5 });

/** Starts the run screen's run with live sharing switched on (the page is on the course's run screen). */
export async function startSharedRun(page: Page): Promise<void> {
  await page.getByRole("switch", { name: "Let friends follow this run live" }).check();
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("current-step")).toHaveText("Warm-up walk");
}

/** Moves the context's emulated position a fix every 2 s (from fix 1) until `stop()`, which resolves once it has. */
export function walk(context: BrowserContext, page: Page): { stop(): Promise<void> } {
  let moving = true;
  const walking = (async () => {
    for (let fix = 1; moving && fix < 200; fix++) {
      await page.waitForTimeout(FIX_INTERVAL_MS);
      await context.setGeolocation(liveFixAt(fix)).catch(() => undefined);
    }
  })();
  return {
    async stop() {
      moving = false;
      await walking;
    },
  };
}

/** The friend finds the runner under "Running now" (once the first batch reached the fan-out) and opens its live page. */
export async function followFromRunningNow(page: Page, runnerName: string): Promise<void> {
  await page.goto("/friends");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("running-now")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 40_000 });
  await page.getByRole("link", { name: `Follow ${runnerName} live` }).click();
  await expect(page).toHaveURL(/\/live\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${runnerName} is running`);
}
