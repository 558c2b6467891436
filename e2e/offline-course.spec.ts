/**
 * A runner downloads a course, loses the network, and still has it: the page with its steps, the voice cue
 * and seekable music all come from the course's cache through the service worker. A course that was not
 * downloaded shows the offline page, which leads back to the downloaded one. Removing the download makes
 * the course unavailable offline again.
 */
import type { Locator } from "@playwright/test";
import { expect, test, waitForServiceWorkerControl } from "./fixtures";

const COURSE = "30-minute-run-challenge-w1s1";
const OTHER_COURSE = "30-minute-run-challenge-w1s2";
const SEEK_TO_SECONDS = 30;

function currentTime(audio: Locator): Promise<number> {
  return audio.evaluate((element: HTMLAudioElement) => element.currentTime);
}

test("a downloaded course plays offline, seeks in music, and is gone after removal", async ({ page, context }) => {
  await page.goto(`/courses/${COURSE}`);
  await waitForServiceWorkerControl(page);
  const title = (await page.getByRole("heading", { level: 1 }).textContent())!;
  await expect(page.getByText(/MB to download/)).toBeVisible();

  await page.getByRole("button", { name: "Download for offline use" }).click();
  const progress = page.getByRole("progressbar", { name: "Download progress" });
  await expect(progress).toHaveJSProperty("value", 100);
  await expect(page.getByText(/^100 % · file (\d+) of \1$/)).toBeVisible();
  await expect(page.getByText("Available offline")).toBeVisible();

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("heading", { name: "Steps", exact: true })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Warm up: walk for 5 minutes" })).toBeVisible();
  await expect(page.getByText("Available offline")).toBeVisible();

  // The first step's cue, from the course cache.
  await page.getByRole("button", { name: "Play a voice cue" }).click();
  const cue = page.getByLabel("Voice cue");
  await expect.poll(() => currentTime(cue)).toBeGreaterThan(0);

  // Seeking needs byte ranges, which the worker cuts from the whole cached file.
  const music = page.getByLabel("Music preview");
  const duration = await music.evaluate(async (element: HTMLAudioElement) => {
    if (element.readyState < HTMLMediaElement.HAVE_METADATA) {
      await new Promise((resolve) => element.addEventListener("loadedmetadata", resolve, { once: true }));
    }
    return element.duration;
  });
  expect(duration).toBeGreaterThan(SEEK_TO_SECONDS + 10);
  const afterSeek = await music.evaluate(async (element: HTMLAudioElement, to: number) => {
    const seeked = new Promise((resolve) => element.addEventListener("seeked", resolve, { once: true }));
    element.currentTime = to;
    await seeked;
    return element.currentTime;
  }, SEEK_TO_SECONDS);
  expect(afterSeek).toBeCloseTo(SEEK_TO_SECONDS, 0);
  await music.evaluate((element: HTMLAudioElement) => element.play());
  await expect.poll(() => currentTime(music)).toBeGreaterThan(SEEK_TO_SECONDS + 0.5);
  expect(await currentTime(music)).toBeLessThan(SEEK_TO_SECONDS + 10);
  await music.evaluate((element: HTMLAudioElement) => element.pause());

  // A course that was not downloaded: the offline page, which links to the downloaded one.
  await page.goto(`/courses/${OTHER_COURSE}`);
  await expect(page.getByRole("heading", { name: "You're offline — downloaded courses still work" })).toBeVisible();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  await page.getByRole("button", { name: "Remove download" }).click();
  await expect(page.getByText("Not available offline")).toBeVisible();
  await expect(page.getByRole("button", { name: "Download for offline use" })).toHaveCount(0);

  await context.setOffline(false);
});
