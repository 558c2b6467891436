import { describe, expect, it } from "vitest";
import { bytesToFetch, filesToFetch, offlineStateFor, type CourseManifest, type StoredCourse } from "./course-manifest";

const MUSIC = { url: "/media/music/jog.11111111.mp3", bytes: 900_000, kind: "music", key: "jog" } as const;
const manifest = (locale: "en" | "ko"): CourseManifest => {
  const files = [
    { url: `/media/voice/${locale}/step-run-60.aaaaaaaa.mp3`, bytes: 12_000, kind: "voice" as const, key: "step-run-60" },
    { url: `/media/voice/${locale}/halfway.bbbbbbbb.mp3`, bytes: 8_000, kind: "voice" as const, key: "halfway" },
    MUSIC,
  ];
  return { slug: "w1", locale, version: `v-${locale}`, totalBytes: files.reduce((sum, file) => sum + file.bytes, 0), files };
};

describe("what a download fetches", () => {
  it("is the whole manifest the first time", () => {
    expect(bytesToFetch(manifest("en"), new Set())).toBe(920_000);
  });

  it("is only the new language's cues when the music is already kept", () => {
    const stored = new Set(manifest("en").files.map((file) => file.url));
    expect(filesToFetch(manifest("ko"), stored).map((file) => file.key)).toEqual(["step-run-60", "halfway"]);
    expect(bytesToFetch(manifest("ko"), stored)).toBe(20_000);
  });

  it("is nothing when every file is stored, and what is missing after an interruption", () => {
    const en = manifest("en");
    expect(bytesToFetch(en, new Set(en.files.map((file) => file.url)))).toBe(0);
    expect(bytesToFetch(en, new Set([MUSIC.url]))).toBe(20_000);
  });
});

describe("offlineStateFor", () => {
  const stored = (overrides: Partial<StoredCourse>): StoredCourse => ({
    cached: true,
    finished: true,
    pagesLocale: "en",
    completeLocales: ["en"],
    ...overrides,
  });

  it("says complete only in the language the stored pages speak, with its cues", () => {
    expect(offlineStateFor(stored({}), "en")).toEqual({ kind: "complete" });
    expect(offlineStateFor(stored({ pagesLocale: "ko", completeLocales: ["en", "ko"] }), "ko")).toEqual({ kind: "complete" });
  });

  it("names the language that is offline after the runner switched", () => {
    expect(offlineStateFor(stored({}), "ko")).toEqual({ kind: "other-language", offlineLocale: "en" });
    // Korean cues kept, but the stored pages are English: offline the run would be in English.
    expect(offlineStateFor(stored({ completeLocales: ["en", "ko"] }), "ko")).toEqual({ kind: "other-language", offlineLocale: "en" });
  });

  it("is partial while a download is unfinished or a file is missing", () => {
    expect(offlineStateFor(stored({ finished: false }), "en")).toEqual({ kind: "partial" });
    expect(offlineStateFor(stored({ completeLocales: [] }), "en")).toEqual({ kind: "partial" });
    // Pages in a language whose cues are not all there (e.g. refreshed in another language): not usable as is.
    expect(offlineStateFor(stored({ pagesLocale: "ko", completeLocales: ["en"] }), "en")).toEqual({ kind: "partial" });
    expect(offlineStateFor(stored({ pagesLocale: null }), "en")).toEqual({ kind: "partial" });
  });

  it("is none without a cache", () => {
    expect(offlineStateFor(stored({ cached: false }), "en")).toEqual({ kind: "none" });
  });
});
