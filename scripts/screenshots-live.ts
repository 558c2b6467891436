/**
 * Screenshots of live runs, for looking at them: `tsx scripts/screenshots-live.ts [baseUrl] [outDir]` against a
 * running app with live runs on (REDIS_URL set for the app and the Location Service; default
 * http://localhost:3000, .data/screenshots).
 *
 * 1. The follower's side: a runner and a friend signed up through the API, friends, the runner's default set to
 *    live; a run of a seeded course uploaded from a real track (../shared/gpx, its first 12 minutes, timestamps
 *    shifted to end now) as a phone would have uploaded it. The friend's friends page ("Running now") and the
 *    live page, at phone and desktop widths, in English and Korean.
 * 2. The runner's side: the run screen in a browser with emulated GPS showing a friend's cheer (sent through
 *    the API), at phone width in English and Korean.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { parseGpxPoints } from "@/domain/gpx/parse-gpx";
import { COURSE_ID, signUp, trpcPost } from "./lib/simulated-runner";

const baseUrl = process.argv[2] ?? "http://localhost:3000";
const outDir = path.resolve(process.argv[3] ?? ".data/screenshots");
mkdirSync(outDir, { recursive: true });

const viewports = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };
const TRACK = path.resolve("../shared/gpx/wt-garmin-connect-run-3k.gpx");
const RUN_COURSE = "30-minute-run-challenge-w1s1";
const TRACK_SECONDS = 12 * 60;
const locales = ["en", "ko"] as const;

async function post(procedure: string, cookie: string, input: unknown) {
  const response = await trpcPost(baseUrl, procedure, cookie, input);
  if (!response.ok) throw new Error(`${procedure}: ${response.status} ${await response.text()}`);
  return response;
}

/** An API sign-up's session cookies (a Cookie header) for a browser context, with the page language. */
function browserCookies(cookieHeader: string, locale: (typeof locales)[number]) {
  const session = cookieHeader.split("; ").map((pair) => {
    const [name, ...value] = pair.split("=");
    return { name: name!, value: value.join("="), url: baseUrl };
  });
  return [...session, { name: "locale", value: locale, url: baseUrl }];
}

async function friends(prefix: string) {
  const tag = Date.now().toString(36);
  const runner = { username: `${prefix}r${tag}`, cookie: "" };
  const friend = { username: `${prefix}f${tag}`, cookie: "" };
  runner.cookie = await signUp(baseUrl, baseUrl, runner.username);
  friend.cookie = await signUp(baseUrl, baseUrl, friend.username);
  await post("friends.request", friend.cookie, { username: runner.username });
  const listed = await fetch(`${baseUrl}/api/trpc/friends.list`, { headers: { cookie: runner.cookie } });
  const incoming = ((await listed.json()) as { result: { data: { json: { incoming: { userId: string }[] } } } }).result.data.json.incoming;
  for (const request of incoming) await post("friends.respond", runner.cookie, { userId: request.userId, action: "accept" });
  await post("live.setDefault", runner.cookie, { followable: true });
  return { runner, friend };
}

/** The track's first minutes as a phone would have uploaded them, ending a few seconds ago. */
async function uploadTrack(cookie: string): Promise<string> {
  const all = parseGpxPoints(readFileSync(TRACK, "utf8")).filter((p) => p.ts !== null);
  const first = all[0]!.ts!;
  const taken = all.filter((p) => p.ts! - first <= TRACK_SECONDS * 1000);
  const shift = Date.now() - 5_000 - taken.at(-1)!.ts!;
  const activityId = randomUUID();
  await post("activities.syncEvents", cookie, {
    activityId,
    events: [{ id: randomUUID(), activityId, seq: 1, at: first + shift - 1_000, type: "start", courseId: COURSE_ID }],
  });
  const points = taken.map((p) => ({ id: randomUUID(), ts: p.ts! + shift, lat: p.lat, lng: p.lng, altitude: p.altitude, accuracy: 5, speed: null }));
  for (let i = 0; i < points.length; i += 20) {
    await post("activities.appendPoints", cookie, { activityId, points: points.slice(i, i + 20) });
  }
  return activityId;
}

async function followerShots(browser: Browser) {
  const { runner, friend } = await friends("shotlive");
  const activityId = await uploadTrack(runner.cookie);
  for (const locale of locales) {
    for (const [name, viewport] of Object.entries(viewports)) {
      const context = await browser.newContext({ viewport, baseURL: baseUrl, locale: "en-US" });
      await context.addCookies(browserCookies(friend.cookie, locale));
      const page = await context.newPage();
      const suffix = `${locale === "en" ? "" : `-${locale}`}-${name}`;
      await page.goto("/friends");
      await page.getByTestId("running-now").waitFor({ timeout: 30_000 });
      await page.screenshot({ path: path.join(outDir, `live-friends${suffix}.png`) });
      await page.goto(`/live/${activityId}`);
      await page.getByTestId("live-route").waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(outDir, `live-follow-failed${suffix}.png`), fullPage: true });
        throw error;
      });
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: path.join(outDir, `live-follow${suffix}.png`), fullPage: true });
      await context.close();
    }
  }
}

async function cheerShots(browser: Browser) {
  for (const locale of locales) {
    const { runner, friend } = await friends("shotcheer");
    const context = await browser.newContext({ viewport: viewports.phone, baseURL: baseUrl, locale: "en-US" });
    await context.grantPermissions(["geolocation"]);
    await context.setGeolocation({ latitude: 37.5283, longitude: 126.9326, accuracy: 5 });
    await context.addCookies(browserCookies(runner.cookie, locale));
    const page = await context.newPage();
    await page.goto(`/courses/${RUN_COURSE}/run`);
    await page.getByRole("button", { name: locale === "en" ? "Start" : "시작", exact: true }).click();
    await page.getByTestId("current-step").waitFor();
    let fix = 0;
    const moving = setInterval(() => void context.setGeolocation({ latitude: 37.5283 + ++fix * 0.0001, longitude: 126.9326, accuracy: 5 }).catch(() => undefined), 2_000);
    // The run shows as running now once the page's first upload reached the fan-out.
    const deadline = Date.now() + 60_000;
    let runId: string | null = null;
    while (!runId && Date.now() < deadline) {
      const listed = (await (await fetch(`${baseUrl}/api/trpc/live.runningNow`, { headers: { cookie: friend.cookie } })).json()) as {
        result: { data: { json: { activityId: string }[] } };
      };
      runId = listed.result.data.json[0]?.activityId ?? null;
      if (!runId) await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    if (!runId) throw new Error("the runner's run never showed as running now");
    await post("live.cheer", friend.cookie, { activityId: runId, cheerId: randomUUID(), kind: "strong" });
    await page.getByTestId("cheer-banner").waitFor({ timeout: 40_000 });
    await page.screenshot({ path: path.join(outDir, `live-cheer${locale === "en" ? "" : `-${locale}`}-phone.png`) });
    clearInterval(moving);
    await context.close();
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  await followerShots(browser);
  await cheerShots(browser);
  console.log(`screenshots in ${outDir}`);
} finally {
  await browser.close();
}
