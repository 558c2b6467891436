import { beforeEach, describe, expect, it } from "vitest";
import { downloadCourse, type DownloadProgress } from "./download-course";
import { getDownloadState, listDownloadedCourses, removeCourse } from "./download-state";
import { DownloadAbortedError, DownloadFailedError, InsufficientStorageError, StorageFullError } from "./errors";
import { fakeDeps, fakeNetwork, MemoryCacheStorage, type FakeNetwork } from "./testing/fake-browser";

const SLUG = "week-1";
const VOICE = "/media/voice/en/step-run-60.ab12cd34.mp3";
const MUSIC = "/media/music/easy-1.0011aa22.mp3";
const voiceBytes = new Uint8Array(3_000).fill(1);
const musicBytes = new Uint8Array(7_000).fill(2);
const PAGE_POLICY = "script-src 'self' 'nonce-abc' 'strict-dynamic'";
const manifest = {
  slug: SLUG,
  locale: "en",
  version: "v1",
  totalBytes: voiceBytes.length + musicBytes.length,
  files: [
    { url: VOICE, bytes: voiceBytes.length, kind: "voice" },
    { url: MUSIC, bytes: musicBytes.length, kind: "music" },
  ],
};

function routes() {
  return {
    [`/api/courses/${SLUG}/manifest?locale=en`]: { body: JSON.stringify(manifest), type: "application/json" },
    [VOICE]: { body: voiceBytes, type: "audio/mpeg" },
    [MUSIC]: { body: musicBytes, type: "audio/mpeg" },
    [`/courses/${SLUG}`]: { body: "<html><body><h1>Week 1</h1></body></html>", type: "text/html", headers: { "Content-Security-Policy": PAGE_POLICY } },
    [`/courses/${SLUG}/run`]: { body: "<html><body><h1>Week 1</h1><button>Start</button></body></html>", type: "text/html" },
  };
}

let storage: MemoryCacheStorage;
let network: FakeNetwork;

beforeEach(() => {
  storage = new MemoryCacheStorage();
  network = fakeNetwork(routes());
});

describe("downloadCourse", () => {
  it("stores every file, the page, the manifest and a marker, reporting progress by bytes and by file", async () => {
    const deps = fakeDeps(storage, network);
    const progress: DownloadProgress[] = [];
    const marker = await downloadCourse(SLUG, "en", { deps, onProgress: (p) => progress.push(p) });

    expect(marker).toMatchObject({ slug: SLUG, version: "v1", totalBytes: 10_000, fileCount: 2 });
    expect(await getDownloadState(SLUG, deps)).toBe("complete");
    expect(progress.at(-1)).toEqual({ loadedBytes: 10_000, totalBytes: 10_000, fileIndex: 2, fileCount: 2 });
    expect(progress.some((p) => p.fileIndex === 1)).toBe(true);
    const loaded = progress.map((p) => p.loadedBytes);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(deps.persisted).toHaveLength(1);
    // Whole files: the Cache API refuses partial responses, so no Range header is ever sent.
    for (const request of network.requests) expect(new Headers(request.init?.headers).has("Range")).toBe(false);
    const cache = await storage.open(`course-${SLUG}`);
    expect((await (await cache.match(MUSIC))!.arrayBuffer()).byteLength).toBe(7_000);
    // The run screen too, so a downloaded course can be run with no network.
    expect(await (await cache.match(`/courses/${SLUG}/run`))!.text()).toContain("Start");
    // A page keeps the policy it was served with: its nonce is the one on the stored HTML's scripts.
    expect((await cache.match(`/courses/${SLUG}`))!.headers.get("Content-Security-Policy")).toBe(PAGE_POLICY);
    expect((await cache.match(`/courses/${SLUG}/run`))!.headers.get("Content-Security-Policy")).toBeNull();
  });

  it("counts a download without the run screen (made before it was stored) as partial", async () => {
    const deps = fakeDeps(storage, network);
    await downloadCourse(SLUG, "en", { deps });
    await (await storage.open(`course-${SLUG}`)).delete(`/courses/${SLUG}/run`);
    expect(await getDownloadState(SLUG, deps)).toBe("partial");
  });

  it("refuses before downloading when the device has too little free space, in words", async () => {
    const deps = fakeDeps(storage, network, { quota: 3_000_000, usage: 1_900_000 });
    const big = { ...manifest, totalBytes: 3_200_000, files: manifest.files.map((file) => ({ ...file, bytes: 1_600_000 })) };
    network = fakeNetwork({ ...routes(), [`/api/courses/${SLUG}/manifest?locale=en`]: { body: JSON.stringify(big), type: "application/json" } });
    const error = await downloadCourse(SLUG, "en", { deps: { ...deps, fetch: network.fetch } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientStorageError);
    expect((error as Error).message).toBe("Needs 3.2 MB, only 1.1 MB free");
    expect(await getDownloadState(SLUG, deps)).toBe("none");
  });

  it("deletes the partial cache when the browser runs out of quota while writing", async () => {
    const deps = fakeDeps(storage, network);
    const cache = await storage.open(`course-${SLUG}`);
    cache.failPutNumber = 2;
    await expect(downloadCourse(SLUG, "en", { deps })).rejects.toBeInstanceOf(StorageFullError);
    expect(await storage.has(`course-${SLUG}`)).toBe(false);
  });

  it("deletes what it stored when cancelled", async () => {
    const deps = fakeDeps(storage, network);
    const controller = new AbortController();
    const run = downloadCourse(SLUG, "en", {
      deps,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.fileIndex === 1) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(DownloadAbortedError);
    expect(await getDownloadState(SLUG, deps)).toBe("none");
  });

  it("keeps stored files after a network failure and resumes without fetching them again", async () => {
    const deps = fakeDeps(storage, network);
    network.offline.add(MUSIC);
    await expect(downloadCourse(SLUG, "en", { deps })).rejects.toBeInstanceOf(DownloadFailedError);
    expect(await getDownloadState(SLUG, deps)).toBe("partial");

    network.offline.clear();
    network.requests.length = 0;
    await downloadCourse(SLUG, "en", { deps });
    expect(network.requests.map((r) => r.url)).not.toContain(VOICE);
    expect(await getDownloadState(SLUG, deps)).toBe("complete");
  });
});

describe("download state", () => {
  it("is partial when a file went missing, none after removal, and lists finished downloads", async () => {
    const deps = fakeDeps(storage, network);
    await downloadCourse(SLUG, "en", { deps });
    expect(await listDownloadedCourses(deps)).toEqual([expect.objectContaining({ slug: SLUG, title: SLUG, state: "complete" })]);

    await (await storage.open(`course-${SLUG}`)).delete(VOICE);
    expect(await getDownloadState(SLUG, deps)).toBe("partial");

    await removeCourse(SLUG, deps);
    expect(await getDownloadState(SLUG, deps)).toBe("none");
    expect(await listDownloadedCourses(deps)).toEqual([]);
  });
});
