/**
 * `npm run bench:lighthouse [baseUrl]`: Lighthouse (mobile emulation, its default) on the catalog, a course
 * page, the history and a run's page of a running app (default http://localhost:3000, e.g. from `npm run up`),
 * driving Debian's Chromium. Runs each page RUNS times (default 5) and reports the median run by performance
 * score, as Lighthouse's docs advise for its throttled, noisy measurements; the spread of the runs is printed
 * beside it. Prints performance / accessibility / best-practices scores and the main timings, with each
 * failing audit.
 * Signs in as the seeded demo runner (`npm run up` seeds it; its history has runs) so history and run pages
 * show real data; without it, signs up a throwaway runner (whose history is empty and has no run to open).
 * `/runs/:latest` in LIGHTHOUSE_PAGES stands for the newest run in the signed-in runner's history.
 * The session goes into the browser's cookie jar (not a Cookie header: a page that sets a cookie of its own,
 * as the time-zone cookie does, would make Chromium send its jar instead and the page would be measured
 * signed out). Each result says which page was measured, so a redirect to the sign-in page cannot pass for it.
 */
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";
import { DEMO_PASSWORD, DEMO_RUNNER } from "@/server/demo/demo-accounts";

const baseUrl = process.argv[2] ?? "http://localhost:3000";
const requestedPages = (process.env.LIGHTHOUSE_PAGES ?? "/courses,/courses/30-minute-run-challenge-w1s1,/history,/runs/:latest").split(",");
const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 5);
const LATEST_RUN = "/runs/:latest";

/** The element Lighthouse took for the largest paint (what to make faster, or later), from its audit's table. */
function lcpElement(audit: { details?: unknown } | undefined): string {
  const details = audit?.details as { items?: { items?: { node?: { selector?: string; nodeLabel?: string } }[] }[] } | undefined;
  const node = details?.items?.[0]?.items?.[0]?.node;
  return node ? `${node.selector ?? "?"} (${(node.nodeLabel ?? "").slice(0, 60)})` : "—";
}

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

/** "a=1; b=2" → the browser's cookie jar, for the app's host. */
async function putInCookieJar(port: number, cookie: string) {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}` });
  const domain = new URL(baseUrl).hostname;
  await browser.setCookie(
    ...cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), domain, path: "/", httpOnly: true, sameSite: "Lax" as const };
    }),
  );
  await browser.disconnect();
}

async function signInDemo(): Promise<string | null> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email: DEMO_RUNNER.email, password: DEMO_PASSWORD }),
  });
  return response.ok ? cookieOf(response) : null;
}

async function signUpCookie(): Promise<string> {
  const unique = `lh${Date.now().toString(36)}`;
  const response = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ name: "Lighthouse", email: `${unique}@example.test`, password: "correct horse battery", username: unique }),
  });
  if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  return cookieOf(response);
}

/** The newest run's page, read off the history page as a runner would find it. */
async function latestRunPath(cookie: string): Promise<string | null> {
  const html = await (await fetch(`${baseUrl}/history`, { headers: { cookie } })).text();
  return /href="(\/runs\/[0-9a-f-]{36})"/.exec(html)?.[1] ?? null;
}

const demoCookie = await signInDemo();
console.log(demoCookie ? `signed in as the demo runner (${DEMO_RUNNER.email})` : "no demo runner: signed up a throwaway runner");
const cookie = demoCookie ?? (await signUpCookie());
const latest = requestedPages.includes(LATEST_RUN) ? await latestRunPath(cookie) : null;
if (requestedPages.includes(LATEST_RUN) && !latest) console.log(`no run in this runner's history: ${LATEST_RUN} skipped`);
const pages = requestedPages.flatMap((page) => (page === LATEST_RUN ? (latest ? [latest] : []) : [page]));

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  await putInCookieJar(chrome.port, cookie);
  for (const page of pages) {
    const runs: NonNullable<Awaited<ReturnType<typeof lighthouse>>>["lhr"][] = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await lighthouse(`${baseUrl}${page}`, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: [...CATEGORIES],
      });
      if (!result) throw new Error(`no Lighthouse result for ${page}`);
      const landed = new URL(result.lhr.finalDisplayedUrl).pathname;
      if (landed !== page) throw new Error(`${page} ended at ${result.lhr.finalDisplayedUrl}: measured the wrong page (signed out?)`);
      runs.push(result.lhr);
    }
    const performanceOf = (lhr: (typeof runs)[number]) => lhr.categories.performance?.score ?? 0;
    runs.sort((a, b) => performanceOf(a) - performanceOf(b));
    const median = runs[Math.floor(runs.length / 2)]!;
    const { categories, audits } = median;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    const metric = (id: string) => audits[id]?.displayValue ?? "—";
    console.log(`\n${page} (median of ${RUNS} runs; performance ranged ${runs.map((r) => Math.round(performanceOf(r) * 100)).join(", ")})`);
    console.log(`  performance ${score("performance")} · accessibility ${score("accessibility")} · best practices ${score("best-practices")}`);
    console.log(`  FCP ${metric("first-contentful-paint")} · LCP ${metric("largest-contentful-paint")} · TBT ${metric("total-blocking-time")} · CLS ${metric("cumulative-layout-shift")}`);
    console.log(`  LCP element: ${lcpElement(audits["largest-contentful-paint-element"])}`);
    for (const id of CATEGORIES) {
      for (const ref of categories[id]?.auditRefs ?? []) {
        const audit = audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
          console.log(`  ✗ ${id}: ${audit.title} (${audit.displayValue ?? Math.round((audit.score ?? 0) * 100)})`);
        }
      }
    }
  }
} finally {
  chrome.kill();
}
