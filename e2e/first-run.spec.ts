/**
 * The thin slice, as a runner lives it: sign up, start a course, move with GPS, finish, and find the run in
 * history with the distance the server computed from the points stored in Cassandra.
 */
import { pathDistance } from "@/domain/geo/distance";
import { expect, newRunner, signUp, test } from "./fixtures";

// A straight line north along the Han river path in Seoul, about 14 m between fixes (0.000125° of latitude).
const ROUTE = Array.from({ length: 12 }, (_, i) => ({ lat: 37.5283 + i * 0.000125, lng: 126.9326 }));

async function recordedCount(text: string | null): Promise<number> {
  return Number(/(\d+) GPS points recorded/.exec(text ?? "")?.[1] ?? 0);
}

test("a new runner runs a course with moving GPS and sees it in history", async ({ page, context }) => {
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation({ latitude: ROUTE[0]!.lat, longitude: ROUTE[0]!.lng, accuracy: 5 });

  await signUp(page, newRunner());
  await page.getByRole("link", { name: /First steps/ }).click();
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/run\/[0-9a-f-]{36}$/);

  const status = page.getByText(/GPS points recorded/);
  await expect(status).toContainText(/[1-9]\d* GPS points recorded/);
  for (const fix of ROUTE.slice(1)) {
    const before = await recordedCount(await status.textContent());
    await context.setGeolocation({ latitude: fix.lat, longitude: fix.lng, accuracy: 5 });
    await expect.poll(async () => recordedCount(await status.textContent())).toBeGreaterThan(before);
  }

  await page.getByRole("button", { name: "Finish run" }).click();
  await expect(page).toHaveURL(/\/history$/);
  const run = page.getByTestId("history-run").first();
  await expect(run).toContainText("First steps");
  await expect(run).toContainText("completed");

  // Every fix lies on one straight line, so the distance is start-to-end whatever fixes Chromium repeated.
  const expected = pathDistance(ROUTE);
  const shown = Number(/([\d.]+) m/.exec((await run.getByTestId("run-distance").textContent()) ?? "")?.[1]);
  expect(shown).toBeGreaterThan(expected * 0.95);
  expect(shown).toBeLessThan(expected * 1.05);
});
