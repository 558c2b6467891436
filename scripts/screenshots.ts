/**
 * Screenshots of the main pages at phone and desktop widths, for looking at the UI:
 * `tsx scripts/screenshots.ts [baseUrl] [outDir]` against a running app (default http://localhost:3000).
 * Signs up a throwaway runner so signed-in pages can be captured. The run screen is captured at phone and
 * desktop widths, in English and Korean, before the start, running (a few minutes in, with GPS), paused and
 * finished, its clock moved by hand; on a phone, also the sound settings and the 360×640 small phone.
 * With the demo data seeded (npm run up), the demo runner's history, a run, the friend's history and run,
 * and the friends page, in English and Korean (`SCREENSHOTS=demo` takes only these).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";

const baseUrl = process.argv[2] ?? "http://localhost:3000";
const outDir = path.resolve(process.argv[3] ?? ".data/screenshots");
mkdirSync(outDir, { recursive: true });

const viewports = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };

const RUN_COURSE = "30-minute-run-challenge-w1s1";

async function signUp(page: Page, prefix: string) {
  const unique = `${prefix}${Date.now().toString(36)}`;
  await page.goto("/sign-up");
  await page.getByLabel("Name", { exact: true }).fill("Screenshot Runner");
  await page.getByLabel("Username", { exact: true }).fill(unique);
  await page.getByLabel("Email", { exact: true }).fill(`${unique}@example.test`);
  await page.getByLabel(/^Password/).fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/courses$/);
}

/** The run screen's buttons, by language. */
const RUN_BUTTONS = {
  en: { start: "Start", pause: "Pause", resume: "Resume", stop: "Stop", stopConfirm: "Stop run", paused: "Paused", stopped: "Run stopped", sound: "Sound", done: "Done" },
  ko: { start: "시작", pause: "일시 정지", resume: "계속", stop: "종료", stopConfirm: "달리기 종료", paused: "일시 정지됨", stopped: "달리기 중단", sound: "소리", done: "완료" },
};

/** The run screen before the start, running, paused and finished, at one width in one language. */
async function runScreenShots(browser: Browser, name: keyof typeof viewports, locale: keyof typeof RUN_BUTTONS) {
  const context = await browser.newContext({ viewport: viewports[name], baseURL: baseUrl, locale: "en-US" });
  await context.grantPermissions(["geolocation"]);
  const page = await context.newPage();
  const suffix = `${locale === "en" ? "" : `-${locale}`}-${name}`;
  const shot = (label: string) => page.screenshot({ path: path.join(outDir, `${label}${suffix}.png`), fullPage: false });
  const small = async (label: string) => {
    if (name !== "phone") return;
    await page.setViewportSize({ width: 360, height: 640 });
    await page.screenshot({ path: path.join(outDir, `${label}${suffix}-360.png`), fullPage: false });
    await page.setViewportSize(viewports.phone);
  };
  const b = RUN_BUTTONS[locale];
  // An hour in the past, so the minutes moved forward by hand still end before the server's "now" (it refuses
  // events from the future).
  await page.clock.install({ time: Date.now() - 60 * 60_000 });
  await signUp(page, "shotrun");
  await context.addCookies([{ name: "locale", value: locale, url: baseUrl }]);
  await page.goto(`/courses/${RUN_COURSE}/run`);
  await page.getByRole("button", { name: b.start, exact: true }).waitFor();
  await shot("run-start");
  await small("run-start");
  await page.getByRole("button", { name: b.start, exact: true }).click();
  await page.getByTestId("current-step").waitFor();
  // A few fixes, a few real seconds apart, so distance and pace show.
  for (let i = 0; i < 4; i++) {
    await context.setGeolocation({ latitude: 37.5283 + i * 0.0001, longitude: 126.9326, accuracy: 5 });
    await page.waitForTimeout(2_000);
  }
  await page.clock.runFor(333_000);
  await shot("run-running");
  await small("run-running");
  if (name === "phone") {
    await page.getByRole("button", { name: b.sound, exact: true }).click();
    await shot("run-sound");
    await page.getByRole("button", { name: b.done, exact: true }).click();
  }
  await page.getByRole("button", { name: b.pause, exact: true }).click();
  await page.getByText(b.paused, { exact: true }).waitFor();
  await shot("run-paused");
  await small("run-paused");
  await page.getByRole("button", { name: b.resume, exact: true }).click();
  await page.getByRole("button", { name: b.stop, exact: true }).click();
  await shot("run-stop-dialog");
  await page.getByRole("dialog").getByRole("button", { name: b.stopConfirm }).click();
  await page.getByRole("heading", { name: b.stopped }).waitFor();
  await shot("run-finished");
  await small("run-finished");
  await context.close();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
/** SCREENSHOTS=demo takes only the demo runner's pages (history, runs, friends). */
const demoOnly = process.env.SCREENSHOTS === "demo";
try {
  for (const [name, viewport] of demoOnly ? [] : Object.entries(viewports)) {
    const context = await browser.newContext({ viewport, baseURL: baseUrl, locale: "en-US" });
    const page = await context.newPage();
    const shot = async (label: string) => {
      await page.screenshot({ path: path.join(outDir, `${label}-${name}.png`), fullPage: false });
    };
    await page.goto("/sign-up");
    await shot("sign-up");
    await signUp(page, "shot");
    await shot("courses");
    await page.locator("a.card").first().click();
    await page.waitForURL(/\/courses\/.+/);
    await shot("course");
    await page.goto("/history");
    await shot("history");
    await page.goto("/account");
    await shot("account");
    // The same pages in Korean, as a runner who switched the language sees them.
    await context.addCookies([{ name: "locale", value: "ko", url: baseUrl }]);
    await page.goto("/courses");
    await shot("courses-ko");
    await page.goto("/courses/30-minute-run-challenge-w1s1");
    await shot("course-ko");
    await page.goto("/history");
    await shot("history-ko");
    await context.close();
  }
  if (!demoOnly) {
    for (const name of ["phone", "desktop"] as const) for (const locale of ["en", "ko"] as const) await runScreenShots(browser, name, locale);
  }
  // As the seeded demo runner (npm run up), in both languages: own history, a run's page, the friend's
  // history and one of the friend's runs (trimmed by home privacy), friends.
  for (const [name, viewport] of Object.entries(viewports)) {
    const context = await browser.newContext({ viewport, baseURL: baseUrl, locale: "en-US", timezoneId: "Asia/Seoul" });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("demo@runcoach.local");
    await page.getByLabel("Password").fill("run-with-me-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/courses$/);
    for (const locale of ["en", "ko"]) {
      await context.addCookies([{ name: "locale", value: locale, url: baseUrl }]);
      const shot = (label: string) => page.screenshot({ path: path.join(outDir, `demo-${label}-${locale}-${name}.png`), fullPage: true });
      await page.goto("/history");
      await shot("history");
      await page.locator('a[href^="/runs/"]').first().click();
      await page.waitForURL(/\/runs\//);
      await shot("run");
      await page.goto("/history/demofriend");
      await shot("friend-history");
      await page.locator('a[href^="/runs/"]').first().click();
      await page.waitForURL(/\/runs\//);
      await shot("friend-run");
      await page.goto("/friends");
      await shot("friends");
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`screenshots in ${outDir}`);
