/**
 * The manifest route's HTTP contract (status codes, caching headers) with the catalog lookup replaced by
 * the seed file, so it needs no database; server/media/course-manifest.test.ts covers the contents.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { readCatalog } from "@/server/db/seed-catalog";
import { CourseNotFoundError } from "@/server/errors";

const seedCourses = new Map<string, { slug: string; steps: { position: number; type: string; durationSeconds: number }[] }>();

vi.mock("@/server/db", () => ({ getDb: () => ({}) }));
vi.mock("@/server/courses/queries", () => ({
  getCourseBySlug: async (_db: unknown, slug: string) => {
    const course = seedCourses.get(slug);
    if (!course) throw new CourseNotFoundError(slug);
    return course;
  },
}));

const { GET } = await import("./route");

beforeAll(async () => {
  for (const program of (await readCatalog()).programs) {
    for (const course of program.courses) {
      const steps = course.steps.map(([type, durationSeconds], position) => ({ position, type, durationSeconds }));
      seedCourses.set(course.slug, { slug: course.slug, steps });
    }
  }
});

function call(slug: string, query: string, headers: Record<string, string> = {}) {
  return GET(new Request(`http://localhost/api/courses/${slug}/manifest${query}`, { headers }), { params: Promise.resolve({ slug }) });
}

describe("GET /api/courses/<slug>/manifest", () => {
  it("answers the manifest, to be revalidated on each use", async () => {
    const response = await call("30-minute-run-challenge-w1s1", "?locale=ko");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const manifest = (await response.json()) as { slug: string; locale: string; version: string; files: { url: string }[] };
    expect(manifest).toMatchObject({ slug: "30-minute-run-challenge-w1s1", locale: "ko" });
    expect(response.headers.get("etag")).toBe(`"${manifest.version}"`);
    expect(manifest.files.some((file) => file.url.startsWith("/media/voice/ko/step-run-60."))).toBe(true);

    const again = await call("30-minute-run-challenge-w1s1", "?locale=ko", { "if-none-match": `"${manifest.version}"` });
    expect(again.status).toBe(304);
  });

  it("refuses a missing or unknown locale with 400", async () => {
    expect((await call("30-minute-run-challenge-w1s1", "")).status).toBe(400);
    expect((await call("30-minute-run-challenge-w1s1", "?locale=fr")).status).toBe(400);
  });

  it("answers 404 for a course that does not exist", async () => {
    expect((await call("no-such-course", "?locale=en")).status).toBe(404);
    expect((await call("..%2Fx", "?locale=en")).status).toBe(404);
  });
});
