/**
 * A cheer is heard once: a friend cheers during a live run, the runner's screen shows and says it, the runner
 * reloads the run screen before the phone acknowledged it, and the cheer is not shown or said again although
 * the server sends it again — and the reloaded screen still acknowledges it, so the server stops sending it.
 *
 * Uploads that acknowledge a cheer are refused until the reload, so the cheer is surely heard but not yet
 * acknowledged when the page goes (a reload right after hearing could otherwise race the next upload).
 */
import type { Request } from "@playwright/test";
import { befriend, expect, newRunner, signedUp, test } from "./fixtures";
import { followFromRunningNow, LIVE_COURSE, liveFixAt, startSharedRun, walk } from "./live-support";

/** One points upload as the runner's browser made it: what it acknowledged, and the cheers its answer carried. */
interface Upload {
  afterReload: boolean;
  acks: string[];
  cheers: string[] | null;
}

function acksOf(request: Request): string[] {
  const body = request.postDataJSON() as { json?: { ackCheers?: string[] } } | null;
  return body?.json?.ackCheers ?? [];
}

test("a cheer heard before a reload is not heard again, and is still acknowledged after it", async ({ browser }) => {
  test.setTimeout(240_000);
  const runner = newRunner();
  const friend = newRunner();
  const a = await signedUp(browser, runner);
  const b = await signedUp(browser, friend);
  await befriend({ page: a.page, runner }, { page: b.page, runner: friend });

  let reloaded = false;
  const uploads: Upload[] = [];
  await a.context.route(/activities\.appendPoints/, (route) =>
    !reloaded && acksOf(route.request()).length > 0 ? route.abort("connectionreset") : route.fallback(),
  );
  a.context.on("response", (response) => {
    if (!/activities\.appendPoints/.test(response.url())) return;
    const afterReload = reloaded;
    const acks = acksOf(response.request());
    void response.json().then(
      (body: { result?: { data?: { json?: { live?: { cheers: { id: string }[] } } } } }) => {
        const live = body.result?.data?.json?.live;
        uploads.push({ afterReload, acks, cheers: live ? live.cheers.map((cheer) => cheer.id) : null });
      },
      () => undefined,
    );
  });

  await a.context.grantPermissions(["geolocation"]);
  await a.context.setGeolocation(liveFixAt(0));
  await a.page.goto(`/courses/${LIVE_COURSE}/run`);
  await startSharedRun(a.page);
  const walking = walk(a.context, a.page);

  await followFromRunningNow(b.page, runner.name);

  // The cheer is shown and said once.
  await b.page.getByRole("button", { name: "Go go go!" }).click();
  await expect(b.page.getByTestId("cheer-status")).toHaveText("Cheer sent.");
  await expect(a.page.getByTestId("cheer-banner")).toHaveText(`${friend.name} is cheering for you! Go go go!`, { timeout: 25_000 });
  const cheerLog = () => a.page.evaluate(() => window.__runcoachCheerLog ?? []);
  await expect.poll(async () => (await cheerLog()).filter((entry) => entry.spokenAt !== null).length, { timeout: 15_000 }).toBe(1);
  const [heard] = await cheerLog();
  const id = heard!.id;
  // Not acknowledged yet: the uploads that tried were refused.
  await expect.poll(() => uploads.some((upload) => upload.cheers?.includes(id)), { timeout: 10_000 }).toBe(true);

  await a.page.reload();
  reloaded = true;
  await expect(a.page.getByTestId("current-step")).toBeVisible();

  // After the reload the server still sends the cheer (nothing acknowledged it), the screen acknowledges it,
  // and a later answer no longer carries it.
  const afterReload = () => uploads.filter((upload) => upload.afterReload);
  await expect.poll(() => afterReload().some((upload) => upload.cheers?.includes(id)), { timeout: 40_000 }).toBe(true);
  await expect.poll(() => afterReload().some((upload) => upload.acks.includes(id)), { timeout: 30_000 }).toBe(true);
  await expect
    .poll(
      () => {
        const list = afterReload();
        const acked = list.findIndex((upload) => upload.acks.includes(id));
        return acked >= 0 && list.slice(acked).some((upload) => upload.cheers !== null && !upload.cheers.includes(id));
      },
      { timeout: 30_000, message: "an answer after the acknowledgement without the cheer" },
    )
    .toBe(true);
  // ...and the repeats were neither shown nor said.
  expect(await cheerLog()).toEqual([]);
  await expect(a.page.getByTestId("cheer-banner")).toHaveCount(0);

  await walking.stop();
  for (const session of [a, b]) await session.context.close();
});
