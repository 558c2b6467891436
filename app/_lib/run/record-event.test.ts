import { beforeEach, describe, expect, it } from "vitest";
import { IllegalRunTransitionError } from "@/domain/run/events";
import { listOutbox } from "../outbox/read";
import { T0, useFreshDatabase } from "../outbox/testing/fake-db";
import { beginRun } from "./begin-run";
import { RunNotFoundError } from "./errors";
import { loadActiveRun, loadRun } from "./load-run";
import { runState } from "./local-run";
import { recordRunEvent } from "./record-event";
import { updateRunSettings } from "./settings";
import { COURSE } from "./testing/course";

beforeEach(useFreshDatabase);

describe("recordRunEvent", () => {
  it("appends pause, resume and finish as seq 2, 3, 4 and enqueues each", async () => {
    const { run } = await beginRun({ ...COURSE, now: T0 });
    const id = run.activityId;
    const paused = await recordRunEvent(id, { type: "pause" }, T0 + 60_000);
    expect(runState(paused).status).toBe("paused");
    await recordRunEvent(id, { type: "resume" }, T0 + 90_000);
    const finished = await recordRunEvent(id, { type: "finish", status: "completed" }, T0 + 600_000);

    expect(finished.events.map((event) => [event.seq, event.type, event.at])).toEqual([
      [1, "start", T0],
      [2, "pause", T0 + 60_000],
      [3, "resume", T0 + 90_000],
      [4, "finish", T0 + 600_000],
    ]);
    expect(runState(finished)).toMatchObject({ status: "completed", finishedAt: T0 + 600_000, lastSeq: 4 });
    expect(await loadRun(id)).toEqual(finished);
    expect(await loadActiveRun()).toBeNull();

    const outbox = (await listOutbox()).flatMap((item) => (item.kind === "run-events" ? [item] : []));
    expect(outbox.map((item) => item.events.map((event) => event.seq))).toEqual([[1], [2], [3], [4]]);
    expect(outbox.flatMap((item) => item.events)).toEqual(finished.events);
    expect(new Set(finished.events.map((event) => event.id)).size).toBe(4);
  });

  it("refuses an illegal event and changes nothing", async () => {
    const { run } = await beginRun({ ...COURSE, now: T0 });
    await recordRunEvent(run.activityId, { type: "finish", status: "stopped" }, T0 + 10_000);
    const storedBefore = await loadRun(run.activityId);
    const outboxBefore = await listOutbox();

    await expect(recordRunEvent(run.activityId, { type: "resume" }, T0 + 20_000)).rejects.toThrow(IllegalRunTransitionError);
    await expect(recordRunEvent(run.activityId, { type: "resume" }, T0 + 20_000)).rejects.toThrow(
      "Cannot resume a run that is stopped",
    );
    expect(await loadRun(run.activityId)).toEqual(storedBefore);
    expect(await listOutbox()).toEqual(outboxBefore);
  });

  it("refuses the second of two pauses (a double tap), even when both arrive at once", async () => {
    const { run } = await beginRun({ ...COURSE, now: T0 });
    const results = await Promise.allSettled([
      recordRunEvent(run.activityId, { type: "pause" }, T0 + 1_000),
      recordRunEvent(run.activityId, { type: "pause" }, T0 + 1_001),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await loadRun(run.activityId))?.events).toHaveLength(2);
    expect(await listOutbox()).toHaveLength(2);
  });

  it("keeps events in order when the device clock stepped back", async () => {
    const { run } = await beginRun({ ...COURSE, now: T0 });
    const paused = await recordRunEvent(run.activityId, { type: "pause" }, T0 - 30_000);
    expect(paused.events[1]?.at).toBe(T0);
  });

  it("says which run is missing", async () => {
    await expect(recordRunEvent("00000000-0000-4000-8000-00000000dead", { type: "pause" })).rejects.toThrow(RunNotFoundError);
  });
});

describe("updateRunSettings", () => {
  it("stores the audio settings with the run, volumes clamped to 0..1, and enqueues nothing", async () => {
    const { run } = await beginRun({ ...COURSE, now: T0 });
    const updated = await updateRunSettings(run.activityId, { musicOn: false, musicVolume: 1.5, voiceVolume: -1 }, T0 + 1);
    expect(updated).toMatchObject({ musicOn: false, musicVolume: 1, voiceVolume: 0, updatedAt: T0 + 1 });
    expect(await loadRun(run.activityId)).toEqual(updated);
    expect((await updateRunSettings(run.activityId, { voiceVolume: 0.4 })).musicOn).toBe(false);
    expect(await listOutbox()).toHaveLength(1);
    await expect(updateRunSettings(run.activityId, { musicVolume: Number.NaN })).rejects.toThrow(RangeError);
  });
});
