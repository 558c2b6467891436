/**
 * The run screen takes the whole phone, and the rest of the app navigates from a bottom tab bar: on a
 * 390×844 phone (and a small 360×640 one) the run screen shows no site header and no tab bar and never
 * scrolls, before the start, running, paused and finished; elsewhere a phone has the tab bar with the
 * current section marked, and a desktop keeps the top bar instead.
 */
import type { Page } from "@playwright/test";
import { expect, newRunner, signUp, test } from "./fixtures";

const COURSE = "30-minute-run-challenge-w1s1";
const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 360, height: 640 };

/** How far the page can scroll: 0 when everything fits in the viewport. */
const overflow = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollHeight - window.innerHeight);

/** No site header, no tab bar, nothing to scroll, at both phone sizes. */
async function expectWholeScreen(page: Page, state: string) {
  for (const size of [SMALL_PHONE, PHONE]) {
    await page.setViewportSize(size);
    await expect(page.getByRole("banner"), `${state}: site header`).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "Sections" }), `${state}: tab bar`).toHaveCount(0);
    expect(await overflow(page), `${state} at ${size.width}×${size.height} scrolls`).toBeLessThanOrEqual(0);
  }
}

test.use({ viewport: PHONE });

test("a phone navigates with a bottom tab bar that marks where the runner is", async ({ page }) => {
  await signUp(page, newRunner());
  const tabs = page.getByRole("navigation", { name: "Sections" });
  await expect(tabs).toBeVisible();
  await expect(tabs.getByRole("link")).toHaveText(["Courses", "History", "Friends", "Account"]);
  await expect(tabs.getByRole("link", { name: "Courses" })).toHaveAttribute("aria-current", "page");
  for (const link of await tabs.getByRole("link").all()) {
    const box = (await link.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
  }
  // The sections are not in the header any more, which keeps to one row.
  await expect(page.getByRole("banner").getByRole("link", { name: "History" })).toHaveCount(0);
  expect((await page.getByRole("banner").boundingBox())!.height).toBeLessThanOrEqual(72);

  await tabs.getByRole("link", { name: "History" }).click();
  await expect(page).toHaveURL(/\/history$/);
  await expect(tabs.getByRole("link", { name: "History" })).toHaveAttribute("aria-current", "page");
  await expect(tabs.getByRole("link", { name: "Courses" })).not.toHaveAttribute("aria-current");
  await tabs.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // In Korean too.
  await page.getByRole("button", { name: "Language: 한국어" }).click();
  await expect(tabs).toHaveCount(0);
  const koTabs = page.getByRole("navigation", { name: "메뉴" });
  await expect(koTabs.getByRole("link")).toHaveText(["코스", "기록", "친구", "계정"]);
});

test("a desktop keeps the top bar and has no tab bar", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signUp(page, newRunner());
  await expect(page.getByRole("banner").getByRole("link", { name: "History" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Sections" })).toHaveCount(0);
});

test("the run screen fills the phone without header, tab bar or scrolling, in every state", async ({ page, context }) => {
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation({ latitude: 37.5283, longitude: 126.9326, accuracy: 5 });
  await page.clock.install();
  await signUp(page, newRunner());
  await page.goto(`/courses/${COURSE}/run`);
  await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "First steps" })).toBeVisible();
  await expectWholeScreen(page, "start");
  // Start sits at the bottom half of the screen, where a thumb reaches.
  expect((await page.getByRole("button", { name: "Start", exact: true }).boundingBox())!.y).toBeGreaterThan(PHONE.height / 2);

  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("current-step")).toHaveText("Warm-up walk");
  await page.clock.runFor(65_000);
  await expect(page.getByTestId("elapsed")).toHaveText("01:05");
  // While running there is no way out but Stop: a stray tap must not leave the coach.
  await expect(page.getByRole("link", { name: "Close the run screen" })).toHaveCount(0);
  await expectWholeScreen(page, "running");
  expect((await page.getByRole("button", { name: "Pause" }).boundingBox())!.y).toBeGreaterThan(PHONE.height * 0.75);

  // The sound settings open over the screen and close again.
  await page.getByRole("button", { name: "Sound" }).click();
  const sound = page.getByRole("dialog", { name: "Sound" });
  await expect(sound.getByRole("slider", { name: "Voice volume" })).toBeVisible();
  await sound.getByRole("button", { name: "Done" }).click();
  await expect(sound).toBeHidden();

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByText("Paused", { exact: true })).toBeVisible();
  await expectWholeScreen(page, "paused");

  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("dialog", { name: "Stop this run?" }).getByRole("button", { name: "Stop run" }).click();
  await expect(page.getByRole("heading", { name: "Run stopped" })).toBeVisible();
  await expectWholeScreen(page, "finished");
  await expect(page.getByRole("link", { name: "Close the run screen" })).toHaveAttribute("href", `/courses/${COURSE}`);
});
