import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { TrackPoint } from "@/domain/geo/track-point";
import { encodeLocationMessage } from "../kafka/location-messages";
import { commitOffsets, planWrites, type ReceivedMessage } from "./write-plan";

const runA = randomUUID();
const runB = randomUUID();
let offset = 0n;

function points(n: number, from = 0): TrackPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    ts: 1_764_000_000_000 + (from + i) * 1000,
    lat: 37.5,
    lng: 127,
    altitude: null,
    accuracy: 5,
    speed: null,
  }));
}

function pointsMessage(activityId: string, batch: TrackPoint[], partition = 0): ReceivedMessage {
  const value = encodeLocationMessage({ kind: "points", activityId, userId: "u", points: batch, receivedAt: 0 });
  return { value, partition, offset: offset++ };
}

describe("planWrites", () => {
  it("coalesces one run's batches into writes of at most the limit, in order", () => {
    const batches = [points(300, 0), points(300, 300), points(300, 600), points(300, 900)];
    const plan = planWrites(batches.map((batch) => pointsMessage(runA, batch)), 1_000);
    expect(plan.writes.map((write) => write.points.length)).toEqual([1_000, 200]);
    expect(plan.writes.flatMap((write) => write.points)).toEqual(batches.flat());
    expect(plan.writes[0]!.sources).toHaveLength(4);
    expect(plan.writes[1]!.sources).toHaveLength(1);
  });

  it("keeps runs apart, lists runs with points and record requests", () => {
    const a = points(5);
    const b = points(7);
    const record = { value: encodeLocationMessage({ kind: "record", activityId: runB, reason: "finish" }), partition: 1, offset: offset++ };
    const plan = planWrites([pointsMessage(runA, a), pointsMessage(runB, b, 1), record, pointsMessage(runA, points(3, 5))]);
    expect(plan.writes.map((write) => [write.activityId, write.points.length])).toEqual([
      [runA, 8],
      [runB, 7],
    ]);
    expect(plan.pointActivities).toEqual([runA, runB]);
    expect(plan.recordRequests).toEqual([runB]);
  });

  it("sets aside what it cannot read, with the reason, and plans the rest", () => {
    const bad = { value: Buffer.from("garbage"), partition: 0, offset: offset++ };
    const plan = planWrites([bad, pointsMessage(runA, points(2))]);
    expect(plan.unreadable).toEqual([{ message: bad, reason: "not JSON" }]);
    expect(plan.writes).toHaveLength(1);
  });
});

describe("commitOffsets", () => {
  it("commits one past the highest offset of each partition", () => {
    const at = (partition: number, o: bigint): ReceivedMessage => ({ value: undefined, partition, offset: o });
    expect(commitOffsets([at(0, 5n), at(1, 9n), at(0, 7n), at(0, 6n)])).toEqual(
      new Map([
        [0, 8n],
        [1, 10n],
      ]),
    );
  });
});
