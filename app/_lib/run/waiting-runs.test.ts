import { beforeEach, describe, expect, it } from "vitest";
import { flushOutbox } from "../outbox/flush";
import { storePoint } from "../outbox/points";
import { getOutboxStatus, subscribeOutbox } from "../outbox/status";
import { fixes, httpError, T0, useFreshDatabase } from "../outbox/testing/fake-db";
import { beginRun } from "./begin-run";
import { loadRun } from "./load-run";
import { recordRunEvent } from "./record-event";
import { COURSE } from "./testing/course";
import { listDeviceRuns } from "./waiting-runs";

beforeEach(useFreshDatabase);

async function finishedRun(at: number): Promise<string> {
  const { run } = await beginRun({ ...COURSE, now: at });
  await recordRunEvent(run.activityId, { type: "finish", status: "stopped" }, at + 60_000);
  return run.activityId;
}

describe("listDeviceRuns", () => {
  it("lists a finished run as waiting until the server has everything, newest first, then not at all", async () => {
    const older = await finishedRun(T0);
    const newer = await finishedRun(T0 + 3_600_000);
    expect((await listDeviceRuns()).map((run) => [run.activityId, run.upload, run.status])).toEqual([
      [newer, "waiting", "stopped"],
      [older, "waiting", "stopped"],
    ]);
    subscribeOutbox(() => {});
    await expect.poll(() => getOutboxStatus()).toMatchObject({ events: 4, runs: 2 });

    await flushOutbox(async () => {});
    expect(await listDeviceRuns()).toEqual([]);
    // Uploaded is not deleted: the run stays on the device for its grace period (housekeeping.ts).
    expect(await loadRun(older)).not.toBeNull();
    await expect.poll(() => getOutboxStatus()).toMatchObject({ events: 0, runs: 0 });
  });

  it("counts a run whose only waiting data is an unpacked fix, lists a run being recorded, and keeps refusals apart", async () => {
    const { run: active } = await beginRun({ ...COURSE, now: T0 });
    await flushOutbox(async () => {});
    expect((await listDeviceRuns()).map((run) => [run.status, run.finishedAt, run.upload])).toEqual([["active", null, "waiting"]]);

    await storePoint(active.activityId, fixes(1)[0]!);
    subscribeOutbox(() => {});
    await expect.poll(() => getOutboxStatus()).toMatchObject({ events: 0, points: 1, runs: 1 });

    await recordRunEvent(active.activityId, { type: "finish", status: "completed" }, T0 + 60_000);
    await flushOutbox(async () => {
      throw httpError(409, "Conflict");
    });
    expect((await listDeviceRuns()).map((run) => [run.status, run.upload])).toEqual([["completed", "refused"]]);
  });
});
