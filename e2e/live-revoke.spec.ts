/**
 * A friend following a run live, cut off by the runner: removed as a friend while watching, the friend's page
 * says the run is no longer shared within seconds (the server's `gone`), instead of reconnecting for as long as
 * the connection would have lived. Friends again and opening the page anew, the friend loses access between
 * the page and its events request: the events endpoint's 404, which EventSource reports without a status,
 * ends on the same line rather than "Reconnecting…" forever.
 */
import { befriend, expect, newRunner, signedUp, test } from "./fixtures";
import { followFromRunningNow, LIVE_COURSE, liveFixAt, startSharedRun, walk } from "./live-support";

const GONE = "This run is no longer shared with you.";

test("a follower the runner removes as a friend is told the run is no longer shared", async ({ browser }) => {
  test.setTimeout(240_000);
  const runner = newRunner();
  const friend = newRunner();
  const a = await signedUp(browser, runner);
  const b = await signedUp(browser, friend);
  await befriend({ page: a.page, runner }, { page: b.page, runner: friend });

  // The runner starts a run shared live, and moves.
  await a.context.grantPermissions(["geolocation"]);
  await a.context.setGeolocation(liveFixAt(0));
  await a.page.goto(`/courses/${LIVE_COURSE}/run`);
  await startSharedRun(a.page);
  const walking = walk(a.context, a.page);

  // The friend follows it.
  await followFromRunningNow(b.page, runner.name);
  const liveUrl = new URL(b.page.url()).pathname;
  await expect(b.page.getByTestId("live-status")).toContainText(/Last update \d+ s ago/, { timeout: 30_000 });

  // The runner removes the friend in another tab, the run going on: the friend's page says so.
  const friendsTab = await a.context.newPage();
  const removeFriend = async () => {
    await friendsTab.goto("/friends");
    const entry = friendsTab.getByRole("region", { name: "Your friends" }).getByTestId("friend-entry").filter({ hasText: friend.username });
    await entry.getByRole("button", { name: "Remove" }).click();
    await expect(entry).toHaveCount(0);
  };
  await removeFriend();
  await expect(b.page.getByTestId("live-gone")).toHaveText(GONE, { timeout: 10_000 });
  await expect(b.page.getByTestId("live-status")).toHaveCount(0);

  // Friends again, the friend opens the page anew; the events request is held until the runner removed them.
  await befriend({ page: b.page, runner: friend }, { page: friendsTab, runner });
  let release = () => undefined as void;
  const removed = new Promise<void>((resolve) => (release = resolve));
  await b.page.route("**/api/live/*/events", async (route) => {
    await removed;
    await route.continue();
  });
  await b.page.goto(liveUrl);
  await expect(b.page.getByRole("heading", { level: 1 })).toHaveText(`${runner.name} is running`);
  await removeFriend();
  release();
  await expect(b.page.getByTestId("live-gone")).toHaveText(GONE, { timeout: 10_000 });

  await walking.stop();
  for (const session of [a, b]) await session.context.close();
});
