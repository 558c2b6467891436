/** Shared setup for journeys: a fresh runner signed up through the real form. */
import { expect, test as base, type Page } from "@playwright/test";

export interface Runner {
  name: string;
  username: string;
  email: string;
  password: string;
}

let counter = 0;

export function newRunner(): Runner {
  const unique = `e2e${Date.now().toString(36)}${(counter++).toString(36)}`;
  return { name: `Runner ${unique}`, username: unique, email: `${unique}@example.test`, password: "correct horse battery" };
}

export async function signUp(page: Page, runner: Runner) {
  await page.goto("/sign-up");
  await page.getByLabel("Name", { exact: true }).fill(runner.name);
  await page.getByLabel("Username", { exact: true }).fill(runner.username);
  await page.getByLabel("Email", { exact: true }).fill(runner.email);
  await page.getByLabel(/^Password/).fill(runner.password);
  // better-auth lets one address sign up 3 times in 10 s (production limits); journeys that sign up in quick
  // succession can meet that, which says nothing about the journey: once the window has passed, try again.
  await expect(async () => {
    const answer = page.waitForResponse((response) => new URL(response.url()).pathname.startsWith("/api/auth/sign-up/"));
    await page.getByRole("button", { name: "Create account" }).click();
    expect((await answer).status(), "sign-up refused as too many (429)").not.toBe(429);
  }).toPass({ intervals: [2_000], timeout: 30_000 });
  await expect(page).toHaveURL(/\/courses$/);
}

/** Resolves once the service worker is active and controls this page (the first one claims it). */
export async function waitForServiceWorkerControl(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
  });
}

/** Opens the course's page and downloads it for offline use, through the button a runner taps. */
export async function downloadCourse(page: Page, slug: string) {
  await page.goto(`/courses/${slug}`);
  await waitForServiceWorkerControl(page);
  await page.getByRole("button", { name: "Download for offline use" }).click();
  await expect(page.getByText("Available offline")).toBeVisible({ timeout: 30_000 });
}

export const test = base;
export { expect };
