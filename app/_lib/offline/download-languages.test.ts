/**
 * A course downloaded in one language and then used in the other: the state names the language that is
 * offline, the second download fetches only that language's cues (the size said before is what is fetched),
 * and a cancelled second download leaves the first one offline.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Locale } from "@/domain/coaching/step-types";
import { bytesToFetch } from "@/domain/media/course-manifest";
import { downloadCourse, type DownloadProgress } from "./download-course";
import { getCourseOffline, getDownloadState, listDownloadedCourses, storedUrlsOf } from "./download-state";
import { DownloadAbortedError } from "./errors";
import { parseCourseManifest } from "./course-manifest";
import { fakeDeps, fakeNetwork, MemoryCacheStorage } from "./testing/fake-browser";

const SLUG = "week-1";
const MUSIC = "/media/music/easy-1.0011aa22.mp3";
const voiceUrl = (locale: Locale) => `/media/voice/${locale}/step-run-60.${locale === "en" ? "ab12cd34" : "cd34ef56"}.mp3`;
const VOICE_BYTES: Record<Locale, number> = { en: 3_000, ko: 4_000 };
const MUSIC_BYTES = 7_000;

const manifestOf = (locale: Locale) => ({
  slug: SLUG,
  locale,
  version: `v1-${locale}`,
  totalBytes: VOICE_BYTES[locale] + MUSIC_BYTES,
  files: [
    { url: voiceUrl(locale), bytes: VOICE_BYTES[locale], kind: "voice", key: "step-run-60" },
    { url: MUSIC, bytes: MUSIC_BYTES, kind: "music", key: "easy-1" },
  ],
});

/** The server's answers when the runner reads in `pages` (the locale cookie decides the pages' language). */
function network(pages: Locale) {
  const page = (body: string) => ({ body: `<!DOCTYPE html><html lang="${pages}"><body>${body}</body></html>`, type: "text/html" });
  return fakeNetwork({
    [`/api/courses/${SLUG}/manifest?locale=en`]: { body: JSON.stringify(manifestOf("en")), type: "application/json" },
    [`/api/courses/${SLUG}/manifest?locale=ko`]: { body: JSON.stringify(manifestOf("ko")), type: "application/json" },
    [voiceUrl("en")]: { body: new Uint8Array(VOICE_BYTES.en).fill(1), type: "audio/mpeg" },
    [voiceUrl("ko")]: { body: new Uint8Array(VOICE_BYTES.ko).fill(2), type: "audio/mpeg" },
    [MUSIC]: { body: new Uint8Array(MUSIC_BYTES).fill(3), type: "audio/mpeg" },
    [`/courses/${SLUG}`]: page("<h1>Week 1</h1>"),
    [`/courses/${SLUG}/run`]: page("<h1>Week 1</h1><button>Start</button>"),
  });
}

let storage: MemoryCacheStorage;

beforeEach(() => {
  storage = new MemoryCacheStorage();
});

describe("a course in two languages", () => {
  it("after switching language, says which language is offline instead of available", async () => {
    await downloadCourse(SLUG, "en", { deps: fakeDeps(storage, network("en")) });
    const deps = fakeDeps(storage, network("ko"));
    expect(await getCourseOffline(SLUG, "en", deps)).toEqual({ kind: "complete" });
    expect(await getCourseOffline(SLUG, "ko", deps)).toEqual({ kind: "other-language", offlineLocale: "en" });
    // The run screen in Korean must not say "downloaded" either.
    expect(await getDownloadState(SLUG, deps, "ko")).toBe("partial");
    expect(await getDownloadState(SLUG, deps, "en")).toBe("complete");
  });

  it("adds the second language by fetching only its cues, the size shown before being what is fetched", async () => {
    await downloadCourse(SLUG, "en", { deps: fakeDeps(storage, network("en")) });
    const ko = network("ko");
    const deps = fakeDeps(storage, ko);
    const shown = bytesToFetch(parseCourseManifest(manifestOf("ko")), await storedUrlsOf(SLUG, parseCourseManifest(manifestOf("ko")), deps));
    expect(shown).toBe(VOICE_BYTES.ko);

    const progress: DownloadProgress[] = [];
    const marker = await downloadCourse(SLUG, "ko", { deps, onProgress: (p) => progress.push(p) });
    const media = ko.requests.map((r) => r.url).filter((url) => url.startsWith("/media/"));
    expect(media).toEqual([voiceUrl("ko")]);
    expect(progress.at(-1)).toEqual({ loadedBytes: shown, totalBytes: shown, fileIndex: 1, fileCount: 1 });
    expect(marker.locales).toEqual(["en", "ko"]);

    expect(await getCourseOffline(SLUG, "ko", deps)).toEqual({ kind: "complete" });
    // The stored pages are Korean now, so offline the run speaks Korean; English says so.
    expect(await getCourseOffline(SLUG, "en", deps)).toEqual({ kind: "other-language", offlineLocale: "ko" });
    const run = await (await storage.open(`course-${SLUG}`)).match(`/courses/${SLUG}/run`);
    expect(await run!.text()).toContain('lang="ko"');
  });

  it("switching back costs nothing: every English file is still kept", async () => {
    await downloadCourse(SLUG, "en", { deps: fakeDeps(storage, network("en")) });
    await downloadCourse(SLUG, "ko", { deps: fakeDeps(storage, network("ko")) });
    const en = network("en");
    const deps = fakeDeps(storage, en);
    expect(bytesToFetch(parseCourseManifest(manifestOf("en")), await storedUrlsOf(SLUG, parseCourseManifest(manifestOf("en")), deps))).toBe(0);
    await downloadCourse(SLUG, "en", { deps });
    expect(en.requests.map((r) => r.url).filter((url) => url.startsWith("/media/"))).toEqual([]);
    expect(await getCourseOffline(SLUG, "en", deps)).toEqual({ kind: "complete" });
  });

  it("a cancelled second language leaves the first offline, without the half-added cues", async () => {
    await downloadCourse(SLUG, "en", { deps: fakeDeps(storage, network("en")) });
    const deps = fakeDeps(storage, network("ko"));
    const controller = new AbortController();
    const run = downloadCourse(SLUG, "ko", {
      deps,
      signal: controller.signal,
      onProgress: (p) => p.loadedBytes === p.totalBytes && controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(DownloadAbortedError);
    expect(await getCourseOffline(SLUG, "en", deps)).toEqual({ kind: "complete" });
    expect(await getCourseOffline(SLUG, "ko", deps)).toEqual({ kind: "other-language", offlineLocale: "en" });
    expect(await (await storage.open(`course-${SLUG}`)).match(voiceUrl("ko"))).toBeUndefined();
    expect(await listDownloadedCourses(deps)).toEqual([expect.objectContaining({ slug: SLUG, state: "complete" })]);
  });

  it("pages refreshed into a language whose cues are missing are not offline in any language", async () => {
    await downloadCourse(SLUG, "en", { deps: fakeDeps(storage, network("en")) });
    const cache = await storage.open(`course-${SLUG}`);
    const korean = await network("ko").fetch(`/courses/${SLUG}/run`);
    await cache.put(`/courses/${SLUG}/run`, korean);
    const deps = fakeDeps(storage, network("en"));
    expect(await getCourseOffline(SLUG, "en", deps)).toEqual({ kind: "partial" });
    expect(await getCourseOffline(SLUG, "ko", deps)).toEqual({ kind: "partial" });
  });
});
