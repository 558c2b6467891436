/** Shared inputs for the run module's tests. */
import type { BeginRunInput } from "../begin-run";

export const COURSE: Omit<BeginRunInput, "now"> = {
  courseId: "00000000-0000-4000-8000-0000000000c0",
  courseSlug: "week-1-day-1",
  courseTitle: "Week 1, day 1",
  steps: [
    { type: "warmup", durationSeconds: 300 },
    { type: "run", durationSeconds: 60 },
    { type: "cooldown", durationSeconds: 300 },
  ],
  locale: "ko",
};
