/**
 * Monthly and weekly totals count each run in the runner's own calendar: a run at 23:30 on the last day of
 * a month is that month's, whatever the date is in UTC. New York (UTC−4 in October) is where UTC gets it
 * wrong in the late evening; Seoul (UTC+9) where it gets it wrong in the early morning.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { activities } from "@/server/db/schema";
import { signUpTestUser, trpcClientFor, type TestUser } from "@/test-support/integration";
import { expectTrpcError } from "@/test-support/integration-runs";
import { monthlyTotals, weeklyTotals } from "./history";

const NOW = new Date("2026-11-15T12:00:00Z");

async function insertRun(userId: string, startedAt: string, meters: number) {
  await getDb()
    .insert(activities)
    .values({
      id: randomUUID(),
      userId,
      status: "completed",
      startedAt: new Date(startedAt),
      finishedAt: new Date(new Date(startedAt).getTime() + 1_800_000),
      distanceMeters: meters,
      movingSeconds: 1_800,
    });
}

describe("totals in the runner's time zone", () => {
  let runner: TestUser;

  beforeAll(async () => {
    runner = await signUpTestUser("zoned");
    // 23:30 on Saturday 31 October in New York (EDT, UTC−4) is 03:30 UTC on Sunday 1 November.
    await insertRun(runner.id, "2026-11-01T03:30:00Z", 5_000);
    // 00:30 on Sunday 1 November in Seoul (UTC+9) is 15:30 UTC on Saturday 31 October.
    await insertRun(runner.id, "2026-10-31T15:30:00Z", 3_000);
    // 23:30 on Sunday 8 November in New York (EST, UTC−5) is 04:30 UTC on Monday 9 November.
    await insertRun(runner.id, "2026-11-09T04:30:00Z", 2_000);
  });

  const totals = (timeZone: string, unit: "month" | "week") =>
    (unit === "month" ? monthlyTotals : weeklyTotals)(getDb(), { userId: runner.id }, { ownerId: runner.id, count: 3, timeZone }, NOW);

  it("counts a run at 23:30 local on the last day of a month in that month", async () => {
    expect(await totals("America/New_York", "month")).toEqual([
      { period: "2026-09-01", runs: 0, distanceMeters: 0, movingSeconds: 0 },
      { period: "2026-10-01", runs: 2, distanceMeters: 8_000, movingSeconds: 3_600 },
      { period: "2026-11-01", runs: 1, distanceMeters: 2_000, movingSeconds: 1_800 },
    ]);
    const seoul = await totals("Asia/Seoul", "month");
    expect(seoul.map((month) => [month.period, month.runs, month.distanceMeters])).toEqual([
      ["2026-09-01", 0, 0],
      ["2026-10-01", 0, 0],
      ["2026-11-01", 3, 10_000],
    ]);
    const utc = await totals("UTC", "month");
    expect(utc.map((month) => [month.period, month.runs])).toEqual([
      ["2026-09-01", 0],
      ["2026-10-01", 1],
      ["2026-11-01", 2],
    ]);
  });

  it("counts a run late on Sunday in the week that ends that Sunday", async () => {
    // Weeks start on Monday: 26 October (Mon) – 1 November (Sun), then 2–8 November, 9–15 November.
    const newYork = await totals("America/New_York", "week");
    expect(newYork.map((week) => [week.period, week.runs])).toEqual([
      ["2026-10-26", 2],
      ["2026-11-02", 1],
      ["2026-11-09", 0],
    ]);
    const utc = await totals("UTC", "week");
    expect(utc.map((week) => [week.period, week.runs])).toEqual([
      ["2026-10-26", 2],
      ["2026-11-02", 0],
      ["2026-11-09", 1],
    ]);
  });

  it("lists a month's runs by the same boundaries", async () => {
    const client = trpcClientFor(runner);
    const october = (timeZone: string) => client.activities.history.query({ month: "2026-10", timeZone, limit: 50 });
    expect((await october("America/New_York")).items).toHaveLength(2);
    expect((await october("Asia/Seoul")).items).toHaveLength(0);
    expect((await october("UTC")).items).toHaveLength(1);
    await expectTrpcError(client.activities.history.query({ month: "2026-13" }), "BAD_REQUEST");
  });

  it("takes the zone through the procedure, and refuses an offset or an unknown zone", async () => {
    const client = trpcClientFor(runner);
    const months = await client.activities.monthlyTotals.query({ count: 1, timeZone: "Asia/Seoul" });
    expect(months).toHaveLength(1);
    await expectTrpcError(client.activities.monthlyTotals.query({ timeZone: "+09:00" }), "BAD_REQUEST");
    await expectTrpcError(client.activities.weeklyTotals.query({ timeZone: "Nowhere/Atlantis" }), "BAD_REQUEST");
  });
});
