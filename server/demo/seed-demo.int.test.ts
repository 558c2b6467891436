/** The demo seed on the real stores: a living history for the demo runner, a friend, and idempotence. */
import { and, eq, or } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getAuth } from "@/server/auth";
import { getLocationStore } from "@/server/cassandra";
import { getDb } from "@/server/db";
import { activities, courses, friendships, user } from "@/server/db/schema";
import { GPX_FIXTURES_DIR } from "@/test-support/fixtures";
import { DEMO_FRIEND, DEMO_RUNNER } from "./demo-accounts";
import { RUNNING_SPEED_MPS } from "./match-course";
import { OLD_RUNS, seedDemo } from "./seed-demo";

describe("seedDemo", () => {
  it("gives the demo runner months of computed runs and a friend, and does nothing the second time", async () => {
    const deps = { db: getDb(), auth: getAuth(), locationStore: getLocationStore, tracksDir: GPX_FIXTURES_DIR };
    const first = await seedDemo(deps);
    expect(first.created).toBe(true);
    const [runner] = await getDb().select().from(user).where(eq(user.username, DEMO_RUNNER.username));
    const [friend] = await getDb().select().from(user).where(eq(user.username, DEMO_FRIEND.username));
    const runs = await getDb().select().from(activities).where(eq(activities.userId, runner!.id));
    expect(runs.length).toBe(22 + OLD_RUNS);
    // old enough for the archiver (its default age: 90 days), which the seed script runs next
    expect(runs.filter((run) => run.startedAt.getTime() < Date.now() - 100 * 86_400_000 + 86_400_000)).toHaveLength(OLD_RUNS);
    expect(runs.every((run) => run.status === "completed" && (run.distanceMeters ?? 0) > 2_000 && run.record !== null)).toBe(true);
    // Walked tracks are filed under walking courses, run tracks under running courses (every demo track
    // is a run, 5:06–7:06 per km, so none may sit under "Walking for health").
    const catalog = new Map((await getDb().select().from(courses)).map((course) => [course.id, course]));
    for (const run of runs) {
      const course = catalog.get(run.courseId!)!;
      const walked = run.record!.distanceMeters / run.record!.elapsedSeconds < RUNNING_SPEED_MPS;
      const runningShare = course.runningSeconds / course.totalSeconds;
      expect(walked ? runningShare <= 0.2 : runningShare >= 0.5, `${course.slug} for a ${walked ? "walk" : "run"}`).toBe(true);
    }
    const spanDays = (Math.max(...runs.map((r) => r.startedAt.getTime())) - Math.min(...runs.map((r) => r.startedAt.getTime()))) / 86_400_000;
    expect(spanDays).toBeGreaterThan(300);
    const [friendship] = await getDb()
      .select()
      .from(friendships)
      .where(
        or(
          and(eq(friendships.requesterId, runner!.id), eq(friendships.addresseeId, friend!.id)),
          and(eq(friendships.requesterId, friend!.id), eq(friendships.addresseeId, runner!.id)),
        ),
      );
    expect(friendship?.status).toBe("accepted");

    expect(await seedDemo(deps)).toEqual({ created: false, runs: 0 });
    expect(await getDb().select().from(activities).where(eq(activities.userId, runner!.id))).toHaveLength(22 + OLD_RUNS);
  });
});
