/**
 * The points topic's wire format, version 1: JSON, one message per uploaded batch or record request, keyed
 * by activity id. Points travel as tuples `[id, ts, lat, lng, altitude, accuracy, speed]` (a third of the
 * bytes of objects, and cheaper to parse). A reader refuses what it cannot read with a reason, so the
 * Location Service can dead-letter it instead of guessing; a later version adds a new `v` beside this one.
 */
import { z } from "zod";
import type { TrackPoint } from "@/domain/geo/track-point";

export const LOCATION_MESSAGE_VERSION = 1;

export type PointTuple = [string, number, number, number, number | null, number | null, number | null];

export type LocationMessage =
  /** An upload the API acknowledged: the Location Service writes it to Cassandra. */
  | { kind: "points"; activityId: string; userId: string; points: TrackPoint[]; receivedAt: number }
  /**
   * The run's record must be (re)computed once the points before this message are written: sent after a
   * finish commits, and by `records:recompute`.
   */
  | { kind: "record"; activityId: string; reason: "finish" | "recompute" };

const nullableNumber = z.number().nullable();
const pointTuple = z.tuple([z.string(), z.number(), z.number(), z.number(), nullableNumber, nullableNumber, nullableNumber]);

const wireMessage = z.discriminatedUnion("kind", [
  z.object({
    v: z.literal(LOCATION_MESSAGE_VERSION),
    kind: z.literal("points"),
    activityId: z.string(),
    userId: z.string(),
    receivedAt: z.number(),
    points: z.array(pointTuple),
  }),
  z.object({
    v: z.literal(LOCATION_MESSAGE_VERSION),
    kind: z.literal("record"),
    activityId: z.string(),
    reason: z.enum(["finish", "recompute"]),
  }),
]);

export function encodeLocationMessage(message: LocationMessage): Buffer {
  if (message.kind === "record") return Buffer.from(JSON.stringify({ v: LOCATION_MESSAGE_VERSION, ...message }));
  const { points, ...rest } = message;
  const tuples = points.map((p): PointTuple => [p.id, p.ts, p.lat, p.lng, p.altitude, p.accuracy, p.speed]);
  return Buffer.from(JSON.stringify({ v: LOCATION_MESSAGE_VERSION, ...rest, points: tuples }));
}

export class UnreadableMessageError extends Error {
  readonly code = "UNREADABLE_MESSAGE" as const;
}

export function decodeLocationMessage(value: Buffer | undefined): LocationMessage {
  if (!value || value.length === 0) throw new UnreadableMessageError("empty message");
  let json: unknown;
  try {
    json = JSON.parse(value.toString("utf8"));
  } catch {
    throw new UnreadableMessageError("not JSON");
  }
  const parsed = wireMessage.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnreadableMessageError(`not a v${LOCATION_MESSAGE_VERSION} location message: ${issue?.path.join(".")} ${issue?.message}`);
  }
  const message = parsed.data;
  if (message.kind === "record") return { kind: "record", activityId: message.activityId, reason: message.reason };
  return {
    kind: "points",
    activityId: message.activityId,
    userId: message.userId,
    receivedAt: message.receivedAt,
    points: message.points.map(([id, ts, lat, lng, altitude, accuracy, speed]) => ({ id, ts, lat, lng, altitude, accuracy, speed })),
  };
}
