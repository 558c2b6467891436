/**
 * A phone run with a tunnel, as the record now measures it (issue 15): a simulated 1 Hz phone track with a
 * drifting error and a stretch with no fixes (noisy-track generator, seed 6) is uploaded as the outbox
 * would, and the run page shows its distance on the truth, the hole as a dashed line between two solid
 * ones, and a note saying so, in English and Korean, on a phone and a desktop.
 */
import { randomUUID } from "node:crypto";
import { computeRecord } from "@/domain/record/compute-record";
import { noisyTrack } from "@/domain/record/testing/noisy-track";
import { expect, newRunner, settledActivity, signUp, test } from "./fixtures";

const COURSE_ID_SLUG = "30-minute-run-challenge-w1s1";
const SHOTS = process.env.E2E_SHOTS_DIR;

test("a run with a tunnel: the hole is bridged, counted and drawn dashed", async ({ page, context }) => {
  test.setTimeout(120_000);
  await signUp(page, newRunner());

  const track = noisyTrack("phone", 6);
  const shift = Date.now() - 3 * 3_600_000 - track.startedAt;
  const points = track.points.map((point) => ({ ...point, id: randomUUID(), ts: point.ts + shift }));
  const startedAt = track.startedAt + shift;
  const finishedAt = track.finishedAt + shift;
  const activityId = randomUUID();
  const courseId = await page.evaluate(async (slug) => {
    const input = encodeURIComponent(JSON.stringify({ json: { slug } }));
    const response = await fetch(`/api/trpc/courses.get?input=${input}`);
    return (await response.json()).result.data.json.id as string;
  }, COURSE_ID_SLUG);
  const post = (procedure: string, json: unknown) =>
    page.evaluate(
      async ({ procedure, json }) => {
        const response = await fetch(`/api/trpc/${procedure}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ json }) });
        if (!response.ok) throw new Error(`${procedure}: ${response.status} ${await response.text()}`);
      },
      { procedure, json },
    );
  const event = (seq: number, at: number, type: "start" | "finish") =>
    type === "start"
      ? { id: randomUUID(), activityId, seq, at, type, courseId }
      : { id: randomUUID(), activityId, seq, at, type, status: "completed" };
  await post("activities.syncEvents", { activityId, events: [event(1, startedAt, "start")] });
  for (let i = 0; i < points.length; i += 500) await post("activities.appendPoints", { activityId, points: points.slice(i, i + 500) });
  await post("activities.syncEvents", { activityId, events: [event(2, finishedAt, "finish")] });
  const activity = await settledActivity(page, activityId);

  // The server's record is the domain's, and on the truth.
  const expected = computeRecord({ points, startedAt, finishedAt });
  expect(activity.distanceMeters).toBe(expected.distanceMeters);
  expect(Math.abs(activity.distanceMeters! / track.truth.distanceMeters - 1)).toBeLessThan(0.015);

  for (const locale of ["en", "ko"] as const) {
    await context.addCookies([{ name: "locale", value: locale, url: new URL(page.url()).origin }]);
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
      await page.setViewportSize(viewport);
      await page.goto(`/runs/${activityId}`);
      const map = page.getByTestId("route-map");
      await expect(map.getByTestId("route-segment")).toHaveCount(2);
      await expect(map.getByTestId("route-bridge")).toHaveCount(1);
      await expect(page.getByText(locale === "en" ? "Dashed: no GPS signal there" : "점선: GPS 신호가 없던 구간", { exact: false })).toBeVisible();
      if (SHOTS) {
        await map.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SHOTS}/run-hole-${locale}-${viewport.width}.png` });
      }
    }
  }
});
