import { describe, expect, it } from "vitest";
import type { TrackPoint } from "@/domain/geo/track-point";
import { IngestHttpError } from "../outbox/ingest-fetch";
import { ImportRefusedError, uploadImport, type ImportApi } from "./upload-import";

const RUN = "3f1c2a9e-7b4d-5e6f-8a1b-2c3d4e5f6a7b";
const points = Array.from({ length: 1200 }, (_, i) => ({ ts: 1_700_000_000_000 + i * 1000, lat: 37.5, lng: 127, altitude: null }));
const file = {
  contentHash: "ab".repeat(32),
  summary: { format: "gpx" as const, startedAt: points[0]!.ts, finishedAt: points.at(-1)!.ts, pointCount: 1200, distanceMeters: 0 },
  points,
};

function fakeApi(appendPoints: ImportApi["appendPoints"], outcome: "created" | "resume" | "already-imported" = "created") {
  const calls: string[] = [];
  const api: ImportApi = {
    begin: async () => (calls.push("begin"), { outcome, activityId: RUN }),
    appendPoints: async (input) => (calls.push(`append ${input.points.length}`), appendPoints(input)),
    finish: async () => void calls.push("finish"),
    abandon: async () => void calls.push("abandon"),
  };
  return { api, calls };
}

const storeAll = async (input: { points: TrackPoint[] }) => ({ stored: input.points.map((p) => p.id) });
const noSleep = async () => undefined;

describe("uploadImport", () => {
  it("sends the points in batches of 500 after begin, then finishes", async () => {
    const progress: number[] = [];
    const { api, calls } = fakeApi(storeAll);
    const result = await uploadImport(api, file, { onProgress: (sent) => progress.push(sent) });
    expect(result).toEqual({ kind: "imported", activityId: RUN, points: 1200 });
    expect(calls).toEqual(["begin", "append 500", "append 500", "append 200", "finish"]);
    expect(progress).toEqual([0, 500, 1000, 1200]);
  });

  it("waits out a 429 for its Retry-After and sends the same batch again", async () => {
    const waits: number[] = [];
    let refused = false;
    const sentIds: string[][] = [];
    const { api } = fakeApi(async (input) => {
      sentIds.push(input.points.map((p) => p.id));
      if (!refused) {
        refused = true;
        throw new IngestHttpError("slow down", 429, new Headers({ "retry-after": "3" }));
      }
      return storeAll(input);
    });
    await uploadImport(api, file, { sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([3000]);
    expect(sentIds[0]).toEqual(sentIds[1]);
  });

  it("abandons the run on a refusal no retry changes, and says why", async () => {
    const { api, calls } = fakeApi(async () => {
      throw new IngestHttpError("points.3.lat: Too big", 400, new Headers());
    });
    await expect(uploadImport(api, file, { sleep: noSleep })).rejects.toThrow(ImportRefusedError);
    expect(calls).toEqual(["begin", "append 500", "abandon"]);
  });

  it("keeps a half-sent run when the network stays down (a later import resumes it)", async () => {
    const { api, calls } = fakeApi(async () => {
      throw new TypeError("fetch failed");
    });
    await expect(uploadImport(api, file, { sleep: noSleep, maxAttempts: 2 })).rejects.toThrow(TypeError);
    expect(calls).not.toContain("abandon");
  });

  it("sends nothing for a file already imported", async () => {
    const { api, calls } = fakeApi(storeAll, "already-imported");
    expect(await uploadImport(api, file)).toEqual({ kind: "already-imported", activityId: RUN });
    expect(calls).toEqual(["begin"]);
  });
});
