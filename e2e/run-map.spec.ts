/**
 * A run's page with its route on a street map: a runner records a run with a pause in it (two lines of
 * route) and opens its page. Online, Leaflet draws the route over tiles from the test source (the app's
 * placeholder tiles at MAP_TILE_URL, another origin than the page's, so the CSP must allow it) and the SVG
 * gives way; when the tile source fails, the SVG stays; opened offline (the page from the service worker),
 * the SVG route is all there is and neither Leaflet nor a tile is asked for. The run screen and history never
 * load Leaflet.
 *
 * MAP_TILE_URL is the test command's (scripts/run-tests.ts), e.g.
 * `MAP_TILE_URL=http://localhost:3100/test-tiles/{z}/{x}/{y}`; the test refuses to run against any other
 * tile source, so it can never reach the internet.
 */
import type { Page } from "@playwright/test";
import { COURSE_CACHE_PREFIX } from "@/app/_lib/offline/cache-names";
import { expect, newRunner, settledActivity, signUp, test, waitForServiceWorkerControl } from "./fixtures";

const TILE_URL = process.env.MAP_TILE_URL ?? "";
const TILE_ORIGIN = /^https?:\/\//.test(TILE_URL) ? new URL(TILE_URL.replace(/\{\w\}/g, "0")).origin : "";
const COURSE = "30-minute-run-challenge-w1s1";
const FIX_INTERVAL_MS = 3_000;
// North along the Han river path, 25 m between fixes; after the pause, a block east.
const BEFORE_PAUSE = Array.from({ length: 6 }, (_, i) => ({ lat: 37.5283 + i * 0.000225, lng: 126.9326 }));
const AFTER_PAUSE = Array.from({ length: 6 }, (_, i) => ({ lat: 37.5295 + i * 0.000225, lng: 126.9336 }));

/** Sets each fix in turn, FIX_INTERVAL_MS apart, as a runner moving. */
async function moveThrough(page: Page, fixes: { lat: number; lng: number }[]) {
  for (const fix of fixes) {
    await page.context().setGeolocation({ latitude: fix.lat, longitude: fix.lng, accuracy: 5 });
    await page.waitForTimeout(FIX_INTERVAL_MS);
  }
}

/** Whether any script or stylesheet this page received is Leaflet's (its class names are in both). */
function watchForLeaflet(page: Page): () => Promise<boolean> {
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => {
    const type = response.request().resourceType();
    if (type === "script" || type === "stylesheet") bodies.push(response.text().catch(() => ""));
  });
  return async () => (await Promise.all(bodies)).some((body) => body.includes("leaflet-pane"));
}

test("the run page draws the route on tiles online, and the SVG route offline or without tiles", async ({ page, context }) => {
  test.skip(!TILE_URL.includes("/test-tiles/"), "needs MAP_TILE_URL pointing at the app's placeholder tiles (scripts/run-tests.ts)");
  test.setTimeout(240_000);
  const cspViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });

  await signUp(page, newRunner());
  await waitForServiceWorkerControl(page);

  // A run with a pause in the middle: two lines of route, and a gap between them.
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation({ latitude: BEFORE_PAUSE[0]!.lat, longitude: BEFORE_PAUSE[0]!.lng, accuracy: 5 });
  const leafletOnRunScreen = watchForLeaflet(page);
  await page.goto(`/courses/${COURSE}/run`);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("gps-status")).toContainText(/[1-9]\d* GPS points recorded/);
  await moveThrough(page, BEFORE_PAUSE.slice(1));
  await page.getByRole("button", { name: "Pause" }).click();
  await context.setGeolocation({ latitude: AFTER_PAUSE[0]!.lat, longitude: AFTER_PAUSE[0]!.lng, accuracy: 5 });
  await page.waitForTimeout(FIX_INTERVAL_MS);
  await page.getByRole("button", { name: "Resume" }).click();
  await moveThrough(page, AFTER_PAUSE.slice(1));
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("dialog", { name: "Stop this run?" }).getByRole("button", { name: "Stop run" }).click();
  await expect(page.getByTestId("upload-status")).toHaveText("Everything uploaded", { timeout: 30_000 });
  await expect(page.getByTestId("gps-status")).toContainText("· 0 waiting to upload", { timeout: 30_000 });
  const activityId = (await page.locator("[data-activity-id]").getAttribute("data-activity-id"))!;
  await settledActivity(page, activityId);
  expect(await leafletOnRunScreen()).toBe(false);

  // Online: the map, its tiles from the test source, the route's two lines, start and finish.
  const leafletOnHistory = watchForLeaflet(page);
  await page.goto("/history");
  await expect(page.getByTestId("history-run").first()).toBeVisible();
  expect(await leafletOnHistory()).toBe(false);

  const runUrl = `/runs/${activityId}`;
  await page.goto(runUrl);
  const view = page.getByTestId("route-view");
  const svgSegments = await page.getByTestId("route-segment").count();
  expect(svgSegments).toBe(2);
  // The SVG stands in until the runner uses the page (first-interaction.ts): no Leaflet for a page only read.
  await page.waitForTimeout(1_000);
  await expect(view).toHaveAttribute("data-state", "svg");
  expect(await page.evaluate(() => "L" in window)).toBe(false);
  await page.mouse.move(40, 300);
  await expect(view).toHaveAttribute("data-state", "map");
  const map = page.getByRole("region", { name: "The route on a street map" });
  await expect(map).toBeVisible();
  await expect(page.getByTestId("route-map")).toBeHidden();
  const tiles = map.locator("img.leaflet-tile-loaded");
  await expect.poll(() => tiles.count()).toBeGreaterThan(0);
  const tile = await tiles.first().evaluate((img: HTMLImageElement) => ({ src: img.src, width: img.naturalWidth }));
  expect(new URL(tile.src).origin).toBe(TILE_ORIGIN || new URL(page.url()).origin);
  expect(tile.src).toContain("/test-tiles/");
  expect(tile.width).toBe(256);
  await expect(map.locator("path.route-line")).toHaveCount(svgSegments);
  await expect(map.locator("path.route-start")).toHaveCount(1);
  await expect(map.locator("path.route-finish")).toHaveCount(1);
  await expect(map.getByRole("link", { name: "© OpenStreetMap contributors" })).toBeVisible();
  // Zoom buttons a thumb can hit outdoors.
  for (const name of ["Zoom in", "Zoom out"]) {
    const button = (await map.getByRole("button", { name }).boundingBox())!;
    expect(Math.min(button.width, button.height)).toBeGreaterThanOrEqual(44);
  }
  // A keyboard user can enter the map (its arrows pan it) and Tab on out of it.
  await map.focus();
  await expect(map).toBeFocused();
  const leftTheMap = async () => {
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Tab");
      if (!(await map.evaluate((element) => element === document.activeElement || element.contains(document.activeElement)))) return true;
    }
    return false;
  };
  expect(await leftTheMap()).toBe(true);
  // The figures stay in text beside the map.
  await expect(page.getByTestId("detail-distance")).toHaveText(/\d/);
  expect(cspViolations).toEqual([]);

  // Tiles failing: the map is dropped and the SVG route stays.
  let refusedTiles = 0;
  await page.route("**/test-tiles/**", (route) => {
    refusedTiles++;
    return route.abort("connectionrefused");
  });
  await page.reload();
  await expect(page.getByTestId("route-segment")).toHaveCount(2);
  await page.mouse.move(60, 320);
  await expect.poll(() => refusedTiles, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => view.getAttribute("data-state"), { timeout: 20_000 }).toBe("svg");
  await expect(page.getByTestId("route-map")).toBeVisible();
  await expect(map.locator("img.leaflet-tile-loaded")).toHaveCount(0);
  await page.unroute("**/test-tiles/**");

  // Offline at load: the page from the service worker, the SVG route, no Leaflet and no tile asked for. A
  // run's page is not stored on the phone by the app (yet): store this one where the worker serves pages
  // from, a course cache, as a download stores a course's pages.
  await page.evaluate(
    async ({ url, cacheName }) => {
      const response = await fetch(url);
      await (await caches.open(cacheName)).put(url, response);
    },
    { url: runUrl, cacheName: `${COURSE_CACHE_PREFIX}run-map-test` },
  );
  await page.goto("/history");
  const requested: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  const leafletOffline = watchForLeaflet(page);
  await context.setOffline(true);
  await page.goto(runUrl);
  await expect(page.getByRole("heading", { name: "Route", exact: true })).toBeVisible();
  await expect(page.getByTestId("route-map")).toBeVisible();
  await expect(page.getByTestId("route-segment")).toHaveCount(2);
  // Scrolled to, as a runner would: still no map.
  await page.getByTestId("route-view").scrollIntoViewIfNeeded();
  await page.waitForTimeout(1_000);
  await expect(view).toHaveAttribute("data-state", "svg");
  expect(await page.evaluate(() => "L" in window)).toBe(false);
  expect(await leafletOffline()).toBe(false);
  expect(requested.filter((url) => url.includes("/test-tiles/"))).toEqual([]);
  await context.setOffline(false);
});
