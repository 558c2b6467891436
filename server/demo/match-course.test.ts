import { describe, expect, it } from "vitest";
import { matchCourse } from "./match-course";

const catalog = [
  { id: "walk-20", totalSeconds: 1200, runningSeconds: 0 },
  { id: "walk-60", totalSeconds: 3600, runningSeconds: 120 },
  { id: "intervals-30", totalSeconds: 1800, runningSeconds: 720 },
  { id: "run-30", totalSeconds: 1800, runningSeconds: 1500 },
  { id: "run-60", totalSeconds: 3600, runningSeconds: 3300 },
];

describe("matchCourse", () => {
  it("files a run under the running course closest in length", () => {
    expect(matchCourse({ meters: 5_000, seconds: 1_700 }, catalog)).toBe("run-30");
    expect(matchCourse({ meters: 10_000, seconds: 3_300 }, catalog)).toBe("run-60");
  });

  it("files a walk under a walking course, however long it is", () => {
    // 12.8 km in 2.5 hours: closest in length to the hour-long run, but it was walked.
    expect(matchCourse({ meters: 12_800, seconds: 9_000 }, catalog)).toBe("walk-60");
    expect(matchCourse({ meters: 1_500, seconds: 1_250 }, catalog)).toBe("walk-20");
  });

  it("never picks a mixed interval course for either, and gives none when no course fits", () => {
    expect(matchCourse({ meters: 5_000, seconds: 1_800 }, catalog)).not.toBe("intervals-30");
    expect(matchCourse({ meters: 5_000, seconds: 1_800 }, catalog.filter((c) => c.id.startsWith("walk")))).toBeNull();
    expect(matchCourse({ meters: 0, seconds: 0 }, [])).toBeNull();
  });
});
