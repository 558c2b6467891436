import { describe, expect, it } from "vitest";
import type { RunEvent } from "@/domain/run/events";
import { classifyError } from "./classify-error";
import { runEventsItem } from "./items";
import { createOutboxSender } from "./sender";
import { activityUuid, T0 } from "./testing/fake-db";

const A = activityUuid(1);
const events: RunEvent[] = [
  { id: activityUuid(11), activityId: A, seq: 2, at: T0 + 1_000, type: "pause" },
  { id: activityUuid(12), activityId: A, seq: 3, at: T0 + 2_000, type: "resume" },
];
const signal = new AbortController().signal;
const noPoints = async (): Promise<never> => {
  throw new Error("no points in this test");
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
});
