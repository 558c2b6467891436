import { describe, expect, it } from "vitest";
import { appendPointsInput, MAX_POINTS_PER_BATCH } from "@/server/activities/schemas";
import { MAX_POINTS_PER_UPLOAD } from "./items";
import { activityUuid, fixes } from "./testing/fake-db";

describe("MAX_POINTS_PER_UPLOAD", () => {
  it("is the server's batch limit (app code may not import it, so it keeps a copy)", () => {
    expect(MAX_POINTS_PER_UPLOAD).toBe(MAX_POINTS_PER_BATCH);
  });

  it("is an upload the server accepts, and one more point is not", () => {
    const activityId = activityUuid(1);
    expect(appendPointsInput.safeParse({ activityId, points: fixes(MAX_POINTS_PER_UPLOAD) }).success).toBe(true);
    expect(appendPointsInput.safeParse({ activityId, points: fixes(MAX_POINTS_PER_UPLOAD + 1) }).success).toBe(false);
  });
});
