import { beforeEach, describe, expect, it, vi } from "vitest";
import { T0, useFreshDatabase } from "../outbox/testing/fake-db";
import { beginRun } from "./begin-run";
import { runState } from "./local-run";
import { recordRunEvent } from "./record-event";
import type { RunChange } from "./run-channel";
import { subscribeRun } from "./run-channel";
import { COURSE } from "./testing/course";

beforeEach(useFreshDatabase);

/** A fresh copy of the module stands for a reloaded page or another tab: nothing shared but the database. */
async function freshModule() {
  vi.resetModules();
  return import("./index");
}

describe("a reload or a second tab", () => {
  it("finds the same run in the same state after a reload", async () => {
    const { run } = await beginRun({ ...COURSE, now: T0 });
    const paused = await recordRunEvent(run.activityId, { type: "pause" }, T0 + 120_000);

    const reloaded = await freshModule();
    const active = await reloaded.loadActiveRun();
    expect(active).toEqual(paused);
    expect(reloaded.runState(active!)).toEqual(runState(paused));
    // And it carries on from there: the next event is seq 3.
    const resumed = await reloaded.recordRunEvent(run.activityId, { type: "resume" }, T0 + 180_000);
    expect(resumed.events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(await reloaded.beginRun({ ...COURSE })).toEqual({ run: resumed, resumed: true });
  });

  it("tells another tab about every change, with the run as it now is", async () => {
    const otherTab = await freshModule();
    const seen: RunChange[] = [];
    otherTab.subscribeRun((change) => seen.push(change));
    const here: RunChange[] = [];
    const unsubscribe = subscribeRun((change) => here.push(change));

    const { run } = await beginRun({ ...COURSE, now: T0 });
    const paused = await recordRunEvent(run.activityId, { type: "pause" }, T0 + 1_000);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual([
      { activityId: run.activityId, run },
      { activityId: run.activityId, run: paused },
    ]);
    expect(here).toEqual(seen);
    unsubscribe();
  });
});
