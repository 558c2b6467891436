/**
 * Security headers through Next (proxy.ts, server/security-headers.ts): a page, the web manifest and the API
 * answer with them, and the app still works under its Content-Security-Policy — the runner signs up (the form
 * is React), the service worker registers and takes the page, a voice cue plays from /media, a course page is
 * opened by a client-side navigation — with no violation reported by the browser.
 */
import type { Page } from "@playwright/test";
import { expect, newRunner, signUp, test, waitForServiceWorkerControl } from "./fixtures";

const COURSE = "30-minute-run-challenge-w1s1";

/** Every CSP violation the page reports, both as a console message and as a `securitypolicyviolation` event. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return violations;
}

/** A page's answer or a request's: both tell their headers. */
type Answer = { headers(): Record<string, string> };

function directivesOf(response: Answer): Record<string, string[]> {
  const policy = response.headers()["content-security-policy"] ?? "";
  return Object.fromEntries(policy.split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

function expectCommonHeaders(response: Answer) {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // The test server speaks plain HTTP: no HSTS there (server/security-headers.test.ts checks the HTTPS case).
  expect(headers["strict-transport-security"]).toBeUndefined();
}

test("a page, the web manifest and the API answer with the security headers", async ({ page, request }) => {
  const answer = (await page.goto("/sign-in"))!;
  expectCommonHeaders(answer);
  const csp = directivesOf(answer);
  expect(csp["frame-ancestors"]).toEqual(["'none'"]);
  expect(csp["object-src"]).toEqual(["'none'"]);
  expect(csp["worker-src"]).toEqual(["'self'"]);
  const nonce = csp["script-src"]?.find((value) => value.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
  expect(nonce).toBeTruthy();
  expect(csp["script-src"]).not.toContain("'unsafe-inline'");
  // Next put this answer's nonce on its scripts (the DOM hides the attribute; the property keeps it).
  const scriptNonces = await page.locator("script").evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  // A fresh nonce for every answer.
  expect(directivesOf((await page.reload())!)["script-src"]).not.toContain(`'nonce-${nonce}'`);

  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  expectCommonHeaders(manifest);
  expect(directivesOf(manifest)["frame-ancestors"]).toEqual(["'none'"]);

  for (const path of ["/api/health", `/api/courses/${COURSE}/manifest?locale=en`, "/api/trpc/courses.list"]) {
    const api = await request.get(path);
    expectCommonHeaders(api);
    expect(api.headers()["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
  }
});

test("the app works under its policy: sign-up, service worker, audio, navigation, no violation", async ({ page }) => {
  const violations = await watchViolations(page);
  await signUp(page, newRunner());
  await waitForServiceWorkerControl(page);

  await page.getByRole("link", { name: /First steps/ }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${COURSE}$`));
  await page.getByRole("button", { name: "Play a voice cue" }).click();
  const cue = page.getByLabel("Voice cue");
  await expect.poll(() => cue.evaluate((element: HTMLAudioElement) => element.currentTime)).toBeGreaterThan(0);

  // A page served by the worker (the navigation route) runs too.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Start run" }).click();
  await expect(page.getByRole("button", { name: "Start", exact: true })).toBeEnabled();
  expect(violations).toEqual([]);
});
