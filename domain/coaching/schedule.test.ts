/** The cue schedule of a real catalog course, every cue in order at its second. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { StepType } from "./step-types";
import { buildCueSchedule, courseDuration, type CourseStep } from "./schedule";

function catalogCourse(file: string, slug: string): CourseStep[] {
  const program = JSON.parse(readFileSync(path.join(process.cwd(), "seed", "catalog", file), "utf8")) as {
    courses: { slug: string; steps: [StepType, number][] }[];
  };
  const course = program.courses.find((c) => c.slug === slug);
  if (!course) throw new Error(`no course ${slug}`);
  return course.steps.map(([type, durationSeconds]) => ({ type, durationSeconds }));
}

describe("buildCueSchedule", () => {
  it("scripts week 1 session 1 of the 30-minute challenge exactly", () => {
    const steps = catalogCourse("01-30-minute-run-challenge.json", "30-minute-run-challenge-w1s1");
    const schedule = buildCueSchedule(steps).map((cue) => `${cue.at} ${cue.key}`);
    // Warm-up 300 s, then six times run 60 s with walk 120 s between (five walks), cool-down 300 s: 1,560 s.
    const expected = ["0 step-warmup-300", "150 halfway", "290 ten-seconds-left", "297 count-3", "298 count-2", "299 count-1"];
    let t = 300;
    for (let rep = 0; rep < 6; rep++) {
      expected.push(`${t} step-run-60`, `${t + 50} ten-seconds-left`, `${t + 57} count-3`, `${t + 58} count-2`, `${t + 59} count-1`);
      t += 60;
      if (rep < 5) {
        expected.push(`${t} step-walk-120`, `${t + 60} halfway`, `${t + 110} ten-seconds-left`, `${t + 117} count-3`, `${t + 118} count-2`, `${t + 119} count-1`);
        t += 120;
      }
    }
    expected.push(`${t} step-cooldown-300`, `${t + 150} halfway`, `${t + 290} ten-seconds-left`, `${t + 297} count-3`, `${t + 298} count-2`, `${t + 299} count-1`, `${t + 300} course-complete`);
    expect(t + 300).toBe(courseDuration(steps));
    expect(schedule).toEqual(expected);
  });

  it("gives short steps no halfway and very short steps no ten-seconds warning", () => {
    const keys = buildCueSchedule([{ type: "sprint", durationSeconds: 15 }]).map((cue) => `${cue.at} ${cue.key}`);
    expect(keys).toEqual(["0 step-sprint-15", "12 count-3", "13 count-2", "14 count-1", "15 course-complete"]);
  });

  it("never schedules two cues at the same second on any catalog course", () => {
    for (const file of ["01-30-minute-run-challenge.json", "04-intervals-and-speed.json", "05-walking-for-health.json"]) {
      const program = JSON.parse(readFileSync(path.join(process.cwd(), "seed", "catalog", file), "utf8")) as {
        courses: { steps: [StepType, number][] }[];
      };
      for (const course of program.courses) {
        const times = buildCueSchedule(course.steps.map(([type, durationSeconds]) => ({ type, durationSeconds }))).map((c) => c.at);
        expect(new Set(times).size).toBe(times.length);
      }
    }
  });
});
