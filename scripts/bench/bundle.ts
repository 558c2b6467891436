/**
 * `npm run bench:bundle [baseUrl]`: how much JavaScript each main page makes a phone download, measured the
 * way a browser pays for it. Loads each page in Chromium against a running production build (default
 * http://localhost:3000; `next dev` serves unminified code and would say nothing useful), collects every
 * script response the page loads until the network is quiet, and sums each file's size gzipped here
 * (zlib level 6, what `next start` itself sends), so the figure does not depend on whether a proxy
 * compresses or a cache answered.
 *
 * Pages: the catalog, a course, its run screen before the start (what opening the run costs), the run
 * screen again once a run was started and finished on it (what it loads in all, lazy parts included),
 * the history and the run's page. Signs up a throwaway runner; the run it records gives the run page.
 * Prints one table: page, files, raw KB, gzipped KB, and the largest files gzipped.
 */
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";

const baseUrl = process.argv[2] ?? "http://localhost:3000";
const COURSE = process.env.BUNDLE_COURSE ?? "30-minute-run-challenge-w1s1";
/** The run screen's budget (issue 14): what the page loads before the start, gzipped. */
const RUN_SCREEN_BUDGET_KB = 150;

interface ScriptFile {
  url: string;
  raw: number;
  gzip: number;
}

interface PageBundle {
  name: string;
  path: string;
  files: ScriptFile[];
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const shortName = (url: string) => new URL(url).pathname.replace(/^\/_next\/static\/chunks\//, "");

/** Records every script the page downloads from now on, until `stop` is called. */
function collectScripts(page: Page): () => Promise<ScriptFile[]> {
  const pending: Promise<ScriptFile | null>[] = [];
  const seen = new Set<string>();
  const onResponse = (response: import("@playwright/test").Response) => {
    const request = response.request();
    if (request.resourceType() !== "script" || seen.has(response.url())) return;
    seen.add(response.url());
    pending.push(
      response.body().then(
        (body) => ({ url: response.url(), raw: body.length, gzip: gzipSync(body, { level: 6 }).length }),
        () => null,
      ),
    );
  };
  page.on("response", onResponse);
  return async () => {
    page.off("response", onResponse);
    return (await Promise.all(pending)).filter((file): file is ScriptFile => file !== null);
  };
}

/** Opens `path` in a fresh page (empty HTTP cache, same cookies) and returns the scripts it loaded. */
async function measure(newPage: () => Promise<Page>, name: string, path: string, then?: (page: Page) => Promise<void>): Promise<PageBundle> {
  const page = await newPage();
  const stop = collectScripts(page);
  await page.goto(path, { waitUntil: "networkidle" });
  if (then) {
    await then(page);
    await page.waitForLoadState("networkidle");
  }
  const files = await stop();
  await page.close();
  return { name, path, files };
}

async function signUp(page: Page) {
  const unique = `bundle${Date.now().toString(36)}`;
  const response = await page.request.post("/api/auth/sign-up/email", {
    headers: { origin: baseUrl },
    data: { name: "Bundle Bench", email: `${unique}@example.test`, password: "correct horse battery", username: unique },
  });
  if (!response.ok()) throw new Error(`sign-up failed: ${response.status()} ${await response.text()}`);
}

/** Starts and stops a run, waits for it to be uploaded, and returns its page's path (from the history). */
async function startAndStop(page: Page) {
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await page.getByTestId("current-step").waitFor();
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Stop run" }).click();
  await page.getByTestId("run-status").waitFor();
  await page.getByTestId("upload-status").filter({ hasText: "Everything uploaded" }).waitFor({ timeout: 30_000 });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  // No service worker: a cached script would answer without a response body to measure on a second visit.
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: "en-US",
    viewport: { width: 390, height: 844 },
    serviceWorkers: "block",
  });
  await context.grantPermissions(["geolocation"]);
  const setup = await context.newPage();
  await signUp(setup);
  await setup.close();
  // Each page in a new page of the same context, with the HTTP cache disabled so each counts all it needs.
  const newPage = async () => {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    return page;
  };

  const results: PageBundle[] = [];
  results.push(await measure(newPage, "catalog", "/courses"));
  results.push(await measure(newPage, "course", `/courses/${COURSE}`));
  results.push(await measure(newPage, "run screen (start)", `/courses/${COURSE}/run`));
  results.push(await measure(newPage, "run screen (start → finished)", `/courses/${COURSE}/run`, startAndStop));
  results.push(await measure(newPage, "history", "/history"));
  const history = await context.request.get("/history");
  const runPath = /href="(\/runs\/[0-9a-f-]{36})"/.exec(await history.text())?.[1];
  if (runPath) results.push(await measure(newPage, "run page", runPath));
  else console.log("no run in the history: run page skipped");

  console.log(`\nJavaScript per page, ${baseUrl} (gzip level 6 of each script's body)\n`);
  console.log("| page | files | raw KB | gzipped KB | largest (gzipped KB) |");
  console.log("|---|---|---|---|---|");
  for (const { name, files } of results) {
    const raw = files.reduce((sum, file) => sum + file.raw, 0);
    const gzip = files.reduce((sum, file) => sum + file.gzip, 0);
    const largest = [...files]
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 3)
      .map((file) => `${shortName(file.url)} ${kb(file.gzip)}`)
      .join(", ");
    console.log(`| ${name} | ${files.length} | ${kb(raw)} | **${kb(gzip)}** | ${largest} |`);
  }
  const runScreen = results.find((result) => result.name === "run screen (start)");
  if (runScreen) {
    const gzip = runScreen.files.reduce((sum, file) => sum + file.gzip, 0) / 1024;
    console.log(`\nrun screen: ${gzip.toFixed(1)} KB gzipped, budget ${RUN_SCREEN_BUDGET_KB} KB: ${gzip <= RUN_SCREEN_BUDGET_KB ? "within" : "OVER"}`);
  }
  if (process.env.BUNDLE_FILES) {
    for (const { name, files } of results) {
      console.log(`\n${name}`);
      for (const file of [...files].sort((a, b) => b.gzip - a.gzip)) console.log(`  ${kb(file.gzip).padStart(6)}  ${shortName(file.url)}`);
    }
  }
  await context.close();
} finally {
  await browser.close();
}
