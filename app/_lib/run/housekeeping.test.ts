import { beforeEach, describe, expect, it } from "vitest";
import { flushOutbox } from "../outbox/flush";
import { httpError, T0, useFreshDatabase } from "../outbox/testing/fake-db";
import { beginRun } from "./begin-run";
import { clearFinishedRuns } from "./housekeeping";
import { loadRun } from "./load-run";
import { recordRunEvent } from "./record-event";
import { COURSE } from "./testing/course";

const DAY = 24 * 60 * 60_000;

beforeEach(useFreshDatabase);

async function finishedRun(at: number): Promise<string> {
  const { run } = await beginRun({ ...COURSE, now: at });
  await recordRunEvent(run.activityId, { type: "finish", status: "completed" }, at + 60_000);
  return run.activityId;
}

describe("clearFinishedRuns", () => {
  it("keeps a finished run until all its events are uploaded, and unfinished or recent runs always", async () => {
    const old = await finishedRun(T0);
    const recent = await finishedRun(T0 + 6 * DAY);
    const { run: active } = await beginRun({ ...COURSE, now: T0 + 7 * DAY });
    const now = T0 + 7 * DAY;

    expect(await clearFinishedRuns(DAY, now)).toEqual([]);
    expect(await loadRun(old)).not.toBeNull();

    await flushOutbox(async () => {});
    expect(await clearFinishedRuns(DAY, now)).toEqual([old]);
    expect(await loadRun(old)).toBeNull();
    expect(await loadRun(recent)).not.toBeNull();
    expect(await loadRun(active.activityId)).not.toBeNull();
  });

  it("keeps a run whose events the server refused: the device has the only copy", async () => {
    const refused = await finishedRun(T0);
    await flushOutbox(async () => {
      throw httpError(409, "Conflict");
    });
    expect(await clearFinishedRuns(DAY, T0 + 30 * DAY)).toEqual([]);
    expect(await loadRun(refused)).not.toBeNull();
  });
});
