/**
 * The manifests of the real catalog against the real committed media: every course can run in every
 * language, and every size a client is told equals the file it will download.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXED_CUES } from "@/domain/coaching/cues";
import { LOCALES } from "@/domain/coaching/step-types";
import { readCatalog } from "@/server/db/seed-catalog";
import { buildCourseManifest, courseCueKeys, MEDIA_URL_PREFIX, MissingCueAudioError, type ManifestCourse } from "./course-manifest";
import { getMediaIndex, mediaRoot, type MediaIndex } from "./media-index";

let courses: ManifestCourse[];
let index: MediaIndex;

beforeAll(async () => {
  const catalog = await readCatalog();
  courses = catalog.programs.flatMap((program) =>
    program.courses.map((course) => ({ slug: course.slug, steps: course.steps.map(([type, durationSeconds]) => ({ type, durationSeconds })) })),
  );
  index = getMediaIndex();
});

const courseNamed = (slug: string) => {
  const course = courses.find((candidate) => candidate.slug === slug);
  if (!course) throw new Error(`no course ${slug} in seed/catalog`);
  return course;
};

const fileOnDisk = (url: string) => path.join(mediaRoot(), url.slice(MEDIA_URL_PREFIX.length));

describe("buildCourseManifest", () => {
  it("lists a course's step cues in order of first use, then the fixed cues, then the music", () => {
    const manifest = buildCourseManifest(courseNamed("30-minute-run-challenge-w1s1"), "en", index);
    const voiceKeys = manifest.files.filter((file) => file.kind === "voice").map((file) => file.key);
    expect(voiceKeys).toEqual(["step-warmup-300", "step-run-60", "step-walk-120", "step-cooldown-300", ...FIXED_CUES]);
    expect(manifest.files.filter((file) => file.kind === "music").map((file) => file.key)).toEqual(index.music.map((track) => track.id));
    expect(manifest.slug).toBe("30-minute-run-challenge-w1s1");
    expect(manifest.locale).toBe("en");
    for (const file of manifest.files) expect(file.url).toMatch(/^\/media\/(voice\/en|music)\/[a-z0-9-]+\.[0-9a-f]{8}\.mp3$/);
  });

  it("has the catalog's 50 courses to check", () => {
    expect(courses).toHaveLength(50);
  });

  it("gives, for every course and language, sizes equal to the files on disk, their sum, and no duplicates", () => {
    for (const course of courses) {
      for (const locale of LOCALES) {
        const manifest = buildCourseManifest(course, locale, index);
        const urls = manifest.files.map((file) => file.url);
        expect(new Set(urls).size, `${course.slug}/${locale} duplicates`).toBe(urls.length);
        for (const file of manifest.files) expect(file.bytes, file.url).toBe(statSync(fileOnDisk(file.url)).size);
        expect(manifest.totalBytes).toBe(manifest.files.reduce((sum, file) => sum + file.bytes, 0));
        expect(manifest.files.filter((file) => file.kind === "voice")).toHaveLength(courseCueKeys(course).length);
      }
    }
  });

  it("has a recording of every step cue of every course in both languages", () => {
    for (const course of courses) {
      for (const key of courseCueKeys(course)) {
        for (const locale of LOCALES) expect(index.voice[locale][key], `${key} in ${locale}`).toBeDefined();
      }
    }
  });

  it("changes its version when any file changes, and only then", () => {
    const course = courseNamed("30-minute-run-challenge-w1s1");
    const before = buildCourseManifest(course, "en", index);
    expect(buildCourseManifest(course, "en", index).version).toBe(before.version);
    const firstTrack = index.music[0];
    if (!firstTrack) throw new Error("no music in media/index.json");
    const changed: MediaIndex = { ...index, music: [{ ...firstTrack, file: "music/walk.00000000.mp3" }, ...index.music.slice(1)] };
    expect(buildCourseManifest(course, "en", changed).version).not.toBe(before.version);
    expect(buildCourseManifest(course, "ko", index).version).not.toBe(before.version);
  });

  it("refuses a course whose cue has no recording", () => {
    const course: ManifestCourse = { slug: "odd", steps: [{ type: "run", durationSeconds: 7 }] };
    expect(() => buildCourseManifest(course, "ko", index)).toThrow(MissingCueAudioError);
  });
});
