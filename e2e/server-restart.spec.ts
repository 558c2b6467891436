/**
 * The app server crashes mid-run and comes back. This spec starts its own server (the built app, on a port of
 * its own) so it can kill it: the runner signs up and runs with GPS on the page's frozen clock; while a batch
 * of fixes is being uploaded the server is killed with SIGKILL, after Kafka acknowledged the batch but
 * before its acknowledgement reached the phone, which is the one moment a retry could duplicate a point.
 * The runner keeps running against a dead server (the outbox keeps every fix and backs off), the server is
 * started again on the same port with the same secret (so the session cookie still holds), the run goes on
 * and is stopped. Then Cassandra holds exactly the ids the phone stored, each once, and the run's record has
 * them all.
 *
 * Where the kill lands is made certain rather than left to timing: the armed upload is forwarded by the test
 * (`route.fetch`), so the server has written and answered when it is killed, and the phone's request is then
 * reset instead of answered, as a connection to a crashed server is.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Request, Route } from "@playwright/test";
import { pathDistance } from "@/domain/geo/distance";
import { WARM_UP_SECONDS } from "@/domain/record/thresholds";
import { killBackground, startBackground, stopBackground, waitForHttp } from "@/scripts/lib/processes";
import { expect, newRunner, settledActivity, signUp, test } from "./fixtures";
import { noteStoredPointIds, stampFixesWithPageClock, stopRunAndUploadOnPageClock, storedPointIds, waitForPointIdsInCassandra } from "./gps-support";

const MAIN_PORT = Number(new URL(process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100").port);
const PORT = Number(process.env.E2E_RESTART_PORT ?? MAIN_PORT + 7);
const BASE_URL = `http://127.0.0.1:${PORT}`;
/** One secret for both lives of the server: the session cookie signed by the first is accepted by the second. */
const AUTH_SECRET = randomBytes(32).toString("base64");
const LOG_FILE = path.join(process.cwd(), ".data", "test-reports", "e2e-restart-server.log");
/** A cold `next start` on a busy two-core machine takes seconds; this is the bound, not the wait. */
const SERVER_READY_MS = 120_000;

const COURSE = "30-minute-run-challenge-w1s1";
const FIX_INTERVAL_MS = 1_000;
/** Due north, about 3 m a fix: a runner's 3 m/s at one fix a second. */
const ROUTE = Array.from({ length: 200 }, (_, i) => ({ latitude: 37.5283 + i * 0.000027, longitude: 126.9326, accuracy: 5 }));
/** Fixes before the kill is armed (at least one upload is acknowledged by then), while down, and after. */
const FIXES_BEFORE_ARMING = 20;
const FIXES_WHILE_DOWN = 30;
const FIXES_AFTER_RESTART = 20;
/** The uploader sends every 15 s of fixes, so an armed kill fires within this many. */
const MAX_FIXES_UNTIL_KILL = 40;
const APPEND_POINTS = "/api/trpc/activities.appendPoints";

let server: ChildProcess | null = null;

async function startServer(): Promise<void> {
  // Something already answering here would be mistaken for this spec's server.
  const taken = await fetch(`${BASE_URL}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${PORT} is already in use; set E2E_RESTART_PORT to a free one`);
  mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  const child = startBackground(path.join("node_modules", ".bin", "next"), ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production", BETTER_AUTH_URL: BASE_URL, BETTER_AUTH_SECRET: AUTH_SECRET },
    logFile: LOG_FILE,
  });
  server = child;
  await waitForHttp(`${BASE_URL}/api/health`, {
    timeoutMs: SERVER_READY_MS,
    alive: () => child.exitCode === null && child.signalCode === null,
  });
}

/** The server is its own process group: if this worker dies without its hooks, the group still goes. */
process.once("exit", () => {
  if (server?.pid && server.exitCode === null && server.signalCode === null) {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
});

type Phase = "up" | "down" | "restarted";
interface Upload {
  activityId: string;
  ids: string[];
  phase: Phase;
  status: number | null;
  failed: boolean;
}
type Kill = { activityId: string; ids: string[]; status: number };

function uploadOf(request: Request): { activityId: string; ids: string[] } {
  const { json } = request.postDataJSON() as { json: { activityId: string; points: { id: string }[] } };
  return { activityId: json.activityId, ids: json.points.map((point) => point.id) };
}

test.use({ baseURL: BASE_URL });

test.beforeAll(async () => {
  test.setTimeout(SERVER_READY_MS + 30_000);
  await startServer();
});

test.afterAll(async () => {
  if (server) await stopBackground(server);
});

test("no fix is lost or doubled when the server crashes mid-upload and restarts", async ({ page, context }) => {
  test.setTimeout(360_000);
  await stampFixesWithPageClock(context);
  await noteStoredPointIds(context);
  // Half an hour in the past, so every fix is before the server's "now".
  await page.clock.install({ time: Date.now() - 30 * 60_000 });
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation(ROUTE[0]!);

  // Every upload of fixes as the phone sent it, in which phase of the server's life, and how it ended.
  let phase: Phase = "up";
  const uploads = new Map<Request, Upload>();
  const uploadsIn = (wanted: Phase) => [...uploads.values()].filter((upload) => upload.phase === wanted);
  const isUpload = (request: Request) => new URL(request.url()).pathname === APPEND_POINTS;
  page.on("request", (request) => {
    if (isUpload(request)) uploads.set(request, { ...uploadOf(request), phase, status: null, failed: false });
  });
  page.on("response", (response) => {
    const upload = uploads.get(response.request());
    if (upload) upload.status = response.status();
  });
  page.on("requestfailed", (request) => {
    const upload = uploads.get(request);
    if (upload) upload.failed = true;
  });

  // The crash: once armed, the next upload is forwarded by the test; the server stores the batch and answers,
  // is killed, and the phone's request is reset instead of answered.
  let armed = false;
  let trapped = false;
  let settleKill: { resolve: (kill: Kill) => void; reject: (error: unknown) => void } | undefined;
  const killed = new Promise<Kill>((resolve, reject) => (settleKill = { resolve, reject }));
  await page.route(
    (url) => url.pathname === APPEND_POINTS,
    async (route: Route) => {
      if (!armed) return route.continue();
      armed = false;
      trapped = true;
      try {
        const upload = uploadOf(route.request());
        const response = await route.fetch({ timeout: 60_000 });
        await killBackground(server!);
        phase = "down";
        await route.abort("connectionreset");
        settleKill!.resolve({ ...upload, status: response.status() });
      } catch (error) {
        settleKill!.reject(error);
      }
    },
  );

  await signUp(page, newRunner());
  await page.goto(`/courses/${COURSE}/run`);
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByTestId("current-step")).toHaveText("Warm-up walk");

  const status = page.getByTestId("gps-status");
  const waiting = async () => Number(/· (\d+) waiting to upload/.exec((await status.textContent()) ?? "")?.[1] ?? -1);
  let next = 1;
  /** The runner moves on by one fix, a second later on the page's clock; resolves once the phone stored it. */
  async function step() {
    await page.clock.runFor(FIX_INTERVAL_MS);
    const before = (await storedPointIds(page)).length;
    await context.setGeolocation(ROUTE[next++]!);
    await expect.poll(async () => (await storedPointIds(page)).length, { intervals: [10, 25, 50, 100] }).toBeGreaterThan(before);
  }

  // The runner stands at the start through the receiver's warm-up (its fixes count for nothing), then runs.
  // Fixes go up every 15 s while the runner moves (cadence.ts), so some are acknowledged before the crash.
  await page.clock.runFor(WARM_UP_SECONDS * 1000);
  for (let i = 0; i < FIXES_BEFORE_ARMING; i++) await step();
  await expect
    .poll(() => uploadsIn("up").filter((upload) => upload.status === 200).length, { message: "an upload acknowledged before the crash" })
    .toBeGreaterThan(0);

  armed = true;
  for (let i = 0; i < MAX_FIXES_UNTIL_KILL && !trapped; i++) await step();
  expect(trapped, "an upload after the kill was armed").toBe(true);
  const kill = await killed;
  // The server had the batch in Kafka before it died: the phone never heard so, and must send it again. The
  // Location Service writes it to Cassandra all the same, with the app server dead.
  expect(kill.status).toBe(200);
  const storedBeforeCrash = new Set(await waitForPointIdsInCassandra(kill.activityId, kill.ids));
  expect(kill.ids.every((id) => storedBeforeCrash.has(id))).toBe(true);

  // Running on with no server: every fix is kept, and the uploader keeps trying the same batch, backing off.
  for (let i = 0; i < FIXES_WHILE_DOWN; i++) await step();
  await expect.poll(() => uploadsIn("down").filter((upload) => upload.failed).length).toBeGreaterThan(0);
  // The unacknowledged batch goes first in every retry (fixes taken since may ride along: the outbox merges
  // a run's waiting batches into one upload).
  for (const upload of uploadsIn("down")) expect(upload.ids.slice(0, kill.ids.length)).toEqual(kill.ids);
  await expect.poll(waiting).toBeGreaterThanOrEqual(FIXES_WHILE_DOWN + kill.ids.length);
  await expect(page.getByTestId("upload-status")).not.toHaveText("Everything uploaded");

  // The same server comes back on the same port with the same secret, while the page's clock stands still.
  await startServer();
  phase = "restarted";
  for (let i = 0; i < FIXES_AFTER_RESTART; i++) await step();

  await stopRunAndUploadOnPageClock(page, 120_000);

  // The session outlived the crash, and the first upload the new server acknowledged starts with the batch
  // whose acknowledgement the crash swallowed: sent again with the same ids, stored once.
  const afterRestart = uploadsIn("restarted");
  expect(afterRestart.map((upload) => upload.status)).not.toContain(401);
  expect(afterRestart.find((upload) => upload.status === 200)?.ids.slice(0, kill.ids.length)).toEqual(kill.ids);

  const phone = await storedPointIds(page);
  expect(new Set(phone).size).toBe(phone.length);
  expect(phone.length).toBeGreaterThanOrEqual(next);
  const stored = await waitForPointIdsInCassandra(kill.activityId, phone);
  // Exactly once: as many rows as ids, and the same ids.
  expect(stored).toHaveLength(phone.length);
  expect(new Set(stored)).toEqual(new Set(phone));

  const activity = await settledActivity(page, kill.activityId, (a) => a.pointCount === phone.length);
  expect(activity.status).toBe("stopped");
  expect(activity.pointCount).toBe(phone.length);
  // The fix taken at the start falls in the warm-up; every step after it counts.
  const expected = pathDistance(ROUTE.slice(1, next).map((fix) => ({ lat: fix.latitude, lng: fix.longitude })));
  expect(activity.distanceMeters).toBeGreaterThan(expected * 0.95);
  expect(activity.distanceMeters).toBeLessThan(expected * 1.05);
  console.log(
    `killed with ${kill.ids.length} fixes stored but unacknowledged; ${uploadsIn("down").length} uploads tried while down; ` +
      `phone stored ${phone.length}, Cassandra has ${stored.length}; distance ${activity.distanceMeters} m (path ${expected.toFixed(1)} m)`,
  );
});
