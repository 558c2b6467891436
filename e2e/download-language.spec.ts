/**
 * A runner downloads a course in English, switches the app to Korean, and the course does not claim to be
 * available offline: it says English is, and offers Korean for just the Korean cues (the size it shows is
 * what is fetched). After downloading Korean and losing the network, the run screen speaks Korean cues from
 * the course's cache.
 */
import { downloadCourse, expect, newRunner, signUp, test } from "./fixtures";

const COURSE = "30-minute-run-challenge-w1s1";

interface Manifest {
  totalBytes: number;
  files: { url: string; bytes: number }[];
}

test("a course downloaded in English is honest in Korean, adds the Korean voice, and runs offline in Korean", async ({ page, context }) => {
  test.setTimeout(180_000);
  await signUp(page, newRunner());
  await downloadCourse(page, COURSE);
  const panel = page.getByTestId("offline-panel");
  await expect(panel).toHaveAttribute("data-state", "complete");

  await page.getByRole("button", { name: "Language: 한국어" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(panel.getByText("✓ 오프라인에서 영어로 사용 가능", { exact: true })).toBeVisible();
  await expect(panel.getByText("✓ 오프라인에서 사용 가능", { exact: true })).toHaveCount(0);
  await expect(panel).toContainText("한국어 음성은 이 기기에 없습니다");

  // What the Korean download needs beyond what is kept: its cues, not the music the English one stored.
  const manifestOf = async (locale: string) => (await (await page.request.get(`/api/courses/${COURSE}/manifest?locale=${locale}`)).json()) as Manifest;
  const [en, ko] = await Promise.all([manifestOf("en"), manifestOf("ko")]);
  const kept = new Set(en.files.map((file) => file.url));
  const missing = ko.files.filter((file) => !kept.has(file.url));
  const missingBytes = missing.reduce((sum, file) => sum + file.bytes, 0);
  expect(missing.every((file) => file.url.startsWith("/media/voice/ko/"))).toBe(true);
  expect(missingBytes).toBeLessThan(ko.totalBytes);
  await expect(panel.getByTestId("download-size")).toHaveAttribute("data-bytes", String(missingBytes));

  const fetched: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/media/")) fetched.push(path);
  });
  await panel.getByRole("button", { name: "한국어로 다운로드" }).click();
  await expect(panel).toHaveAttribute("data-state", "complete", { timeout: 30_000 });
  await expect(panel.getByText("✓ 오프라인에서 사용 가능", { exact: true })).toBeVisible();
  expect(fetched.sort()).toEqual(missing.map((file) => file.url).sort());

  await context.setOffline(true);
  await page.goto(`/courses/${COURSE}/run`);
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByText("다운로드됨: 인터넷 없이 달릴 수 있습니다")).toBeVisible();
  await page.getByRole("button", { name: "시작", exact: true }).click();
  await expect(page.getByTestId("current-step")).toBeVisible();

  // The first cue is the Korean recording, played from the course's cache (headless audio is silent, but its clock runs).
  const voice = page.getByTestId("coach-voice");
  await expect
    .poll(() =>
      voice.evaluate((element: HTMLAudioElement) => ({
        korean: new URL(element.currentSrc || "http://x/").pathname.startsWith("/media/voice/ko/"),
        error: element.error?.code ?? null,
        played: element.currentTime > 0 || element.ended,
      })),
    )
    .toEqual({ korean: true, error: null, played: true });
  await context.setOffline(false);
});
