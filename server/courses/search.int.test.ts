/**
 * Search over the seeded catalog in a real PostgreSQL. The oracle is a plain in-memory reading of the seed
 * files (every word must occur in a title or description, either language, of the course or its program),
 * so the SQL is checked against an independent, obviously-correct implementation, plus hand-checked anchors.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { readCatalog, type Catalog } from "@/server/db/seed-catalog";
import { DURATION_BUCKETS, searchCourses, type CourseSearchInput } from "./search";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await readCatalog();
});

function expectedSlugs(input: CourseSearchInput): string[] {
  const terms = (input.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  return catalog.programs.flatMap((program) =>
    program.courses
      .filter((course) => {
        const text = [course.titleEn, course.titleKo, course.descriptionEn, course.descriptionKo, program.titleEn, program.titleKo]
          .join("\n")
          .toLowerCase();
        const total = course.steps.reduce((sum, [, seconds]) => sum + seconds, 0);
        const bucket = input.duration ? DURATION_BUCKETS[input.duration] : null;
        return (
          terms.every((term) => text.includes(term)) &&
          (!input.level || program.level === input.level) &&
          (!input.program || program.slug === input.program) &&
          (!bucket || (total >= bucket.min && total < bucket.max))
        );
      })
      .map((course) => course.slug),
  );
}

async function search(input: CourseSearchInput) {
  return (await searchCourses(getDb(), input)).map((course) => course.slug);
}

describe("searchCourses", () => {
  it("returns the whole catalog in program order for an empty query", async () => {
    const all = await search({});
    expect(all).toHaveLength(catalog.programs.reduce((n, p) => n + p.courses.length, 0));
    expect(all[0]).toBe("30-minute-run-challenge-w1s1");
  });

  it.each([
    { q: "interval" },
    { q: "SPRINT" },
    { q: "tempo run" },
    { q: "5K" },
    { q: "인터벌" },
    { q: "전력 질주" },
    { q: "달리기 30분" },
    { q: "빠르게 걷기" },
  ])("matches the reference for the query %o", async (input) => {
    const result = await search(input);
    expect(result.length).toBeGreaterThan(0);
    expect(new Set(result)).toEqual(new Set(expectedSlugs(input)));
  });

  it("finds the interval program from English and Korean words alike", async () => {
    const english = await search({ q: "intervals" });
    const korean = await search({ q: "인터벌과 스피드" });
    for (const slug of ["intervals-and-speed-w1s1", "intervals-and-speed-w3s2"]) {
      expect(english).toContain(slug);
      expect(korean).toContain(slug);
    }
  });

  it.each<CourseSearchInput>([
    { level: "beginner", program: "walking-for-health" },
    { level: "advanced" },
    { duration: "short" },
    { duration: "xlong", level: "intermediate" },
    { q: "run", level: "beginner", duration: "medium" },
    { q: "걷기", program: "30-minute-run-challenge", duration: "long" },
  ])("combines filters like the reference: %o", async (input) => {
    expect(new Set(await search(input))).toEqual(new Set(expectedSlugs(input)));
  });

  it("returns nothing for words no course has, and treats LIKE wildcards as text", async () => {
    expect(await search({ q: "zzzqqq" })).toEqual([]);
    expect(await search({ q: "%" })).toEqual([]);
    expect(await search({ q: "_" })).toEqual([]);
  });

  it("rejects an oversized query and an unknown filter value", async () => {
    await expect(search({ q: "x".repeat(101) })).rejects.toThrow(/100 characters/);
    await expect(search({ level: "expert" as never })).rejects.toThrow();
  });

  it("returns each course's steps in order", async () => {
    const [course] = await searchCourses(getDb(), { program: "30-minute-run-challenge", q: "first steps" });
    expect(course?.steps[0]).toEqual({ type: "warmup", durationSeconds: 300 });
    expect(course?.steps.at(-1)).toEqual({ type: "cooldown", durationSeconds: 300 });
    expect(course?.steps.reduce((sum, step) => sum + step.durationSeconds, 0)).toBe(course?.totalSeconds);
  });
});
