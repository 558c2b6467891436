import { describe, expect, it } from "vitest";
import type { RunEvent } from "@/domain/run/events";
import { classifyError } from "./classify-error";
import { MAX_POINTS_PER_UPLOAD, pointsItem, runEventsItem } from "./items";
import { KEEPALIVE_POINTS_PER_REQUEST } from "./keepalive-fetch";
import { createOutboxSender, type AppendPoints } from "./sender";
import { activityUuid, fixes, T0 } from "./testing/fake-db";

const A = activityUuid(1);
const events: RunEvent[] = [
  { id: activityUuid(11), activityId: A, seq: 2, at: T0 + 1_000, type: "pause" },
  { id: activityUuid(12), activityId: A, seq: 3, at: T0 + 2_000, type: "resume" },
];
const signal = new AbortController().signal;
const noPoints = async (): Promise<never> => {
  throw new Error("no points in this test");
};
const noEvents = async (): Promise<never> => {
  throw new Error("no events in this test");
};

describe("createOutboxSender", () => {
  it("sends run events with the activity and the signal, and resolves when all are acknowledged", async () => {
    const calls: unknown[] = [];
    const send = createOutboxSender({
      runEvents: async (input, s) => {
        calls.push([input, s]);
        return { acknowledged: input.events.map((event) => event.id) };
      },
      points: noPoints,
    });
    await send(runEventsItem(A, events, T0), signal);
    expect(calls).toEqual([[{ activityId: A, events }, signal]]);
  });

  it("treats a partial acknowledgement as a refusal (set aside, not retried forever)", async () => {
    const send = createOutboxSender({ runEvents: async () => ({ acknowledged: [activityUuid(11)] }), points: noPoints });
    const error = await send(runEventsItem(A, events, T0), signal).catch((e: unknown) => e);
    expect(classifyError(error)).toEqual({ retryable: false, message: "The server acknowledged 1 of 2 events (missing seq 3)" });
  });

  it("sends a hidden page's points in keepalive-sized calls, one after the other, and a visible page's in one", async () => {
    const calls: number[] = [];
    let open = 0;
    const points: AppendPoints = async (input) => {
      open += 1;
      expect(open).toBe(1); // one request in flight: keepalive's budget is shared by all of them
      calls.push(input.points.length);
      await Promise.resolve();
      open -= 1;
      return { stored: input.points.map((point) => point.id) };
    };
    let hidden = true;
    const send = createOutboxSender({ runEvents: noEvents, points }, { pageHidden: () => hidden });
    const item = pointsItem(A, fixes(MAX_POINTS_PER_UPLOAD), T0);

    await send(item, signal);
    expect(calls).toEqual([KEEPALIVE_POINTS_PER_REQUEST, KEEPALIVE_POINTS_PER_REQUEST, 100]);
    hidden = false;
    await send(item, signal);
    expect(calls.slice(3)).toEqual([MAX_POINTS_PER_UPLOAD]);
  });

  it("refuses the whole item when any of its calls stores less than it sent", async () => {
    let call = 0;
    const points: AppendPoints = async (input) => {
      call += 1;
      return { stored: input.points.slice(call === 2 ? 1 : 0).map((point) => point.id) };
    };
    const send = createOutboxSender({ runEvents: noEvents, points }, { pageHidden: () => true });
    const error = await send(pointsItem(A, fixes(300), T0), signal).catch((e: unknown) => e);
    expect(classifyError(error)).toEqual({ retryable: false, message: "The server stored 99 of 100 points" });
  });
});
