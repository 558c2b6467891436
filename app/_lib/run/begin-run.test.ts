import { beforeEach, describe, expect, it, vi } from "vitest";
import { listOutbox } from "../outbox/read";
import { T0, useFreshDatabase } from "../outbox/testing/fake-db";
import { beginRun } from "./begin-run";
import { loadActiveRun, loadRun } from "./load-run";
import { DEFAULT_RUN_SETTINGS, runState } from "./local-run";
import { recordRunEvent } from "./record-event";
import { COURSE } from "./testing/course";

beforeEach(async () => {
  await useFreshDatabase();
  vi.restoreAllMocks();
});

describe("beginRun", () => {
  it("stores the run and enqueues its start event together", async () => {
    const { run, resumed } = await beginRun({ ...COURSE, now: T0 });
    expect(resumed).toBe(false);
    expect(run).toMatchObject({ courseId: COURSE.courseId, courseSlug: COURSE.courseSlug, locale: "ko", updatedAt: T0 });
    expect(run).toMatchObject(DEFAULT_RUN_SETTINGS);
    expect(run.events).toEqual([
      { id: expect.any(String), activityId: run.activityId, seq: 1, at: T0, type: "start", courseId: COURSE.courseId },
    ]);
    expect(runState(run)).toMatchObject({ status: "active", startedAt: T0, lastSeq: 1 });

    expect(await loadRun(run.activityId)).toEqual(run);
    expect(await listOutbox()).toEqual([
      { id: 1, kind: "run-events", activityId: run.activityId, events: run.events, createdAt: T0, attempts: 0 },
    ]);
  });

  it("returns the unfinished run instead of starting a second one, and writes nothing", async () => {
    const first = await beginRun({ ...COURSE, now: T0 });
    const again = await beginRun({ ...COURSE, now: T0 + 5_000 });
    const otherCourse = await beginRun({ ...COURSE, courseId: "00000000-0000-4000-8000-0000000000c1", now: T0 + 9_000 });
    expect(again).toEqual({ run: first.run, resumed: true });
    expect(otherCourse).toEqual({ run: first.run, resumed: true });
    expect(await listOutbox()).toHaveLength(1);
  });

  it("gives two simultaneous taps the same run", async () => {
    const [a, b] = await Promise.all([beginRun({ ...COURSE, now: T0 }), beginRun({ ...COURSE, now: T0 })]);
    expect(a.run).toEqual(b.run);
    expect([a.resumed, b.resumed].sort()).toEqual([false, true]);
    expect(await listOutbox()).toHaveLength(1);
  });

  it("starts a new run once the previous one is finished", async () => {
    const first = await beginRun({ ...COURSE, now: T0 });
    await recordRunEvent(first.run.activityId, { type: "finish", status: "completed" }, T0 + 60_000);
    const second = await beginRun({ ...COURSE, now: T0 + 120_000 });
    expect(second.resumed).toBe(false);
    expect(second.run.activityId).not.toBe(first.run.activityId);
    expect((await loadActiveRun())?.activityId).toBe(second.run.activityId);
  });

  it("writes neither the run nor its event when one of the two writes fails", async () => {
    const first = await beginRun({ ...COURSE, now: T0 });
    await recordRunEvent(first.run.activityId, { type: "finish", status: "stopped" }, T0 + 1_000);
    const before = await listOutbox();
    // The new run gets the finished run's id: its start event is added, then storing the run fails (the key
    // exists) and the abort must take the event back out.
    vi.spyOn(crypto, "randomUUID").mockReturnValueOnce(first.run.activityId as `${string}-${string}-${string}-${string}-${string}`);

    await expect(beginRun({ ...COURSE, now: T0 + 2_000 })).rejects.toThrow();
    expect(await listOutbox()).toEqual(before);
    expect(await loadRun(first.run.activityId)).toMatchObject({ events: first.run.events.concat(expect.anything()) });
    expect(await loadActiveRun()).toBeNull();
  });
});
