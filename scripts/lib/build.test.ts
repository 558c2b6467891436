import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildIsStale } from "./build";

/** A project folder whose files have the given ages; its folders are older than every file. */
function project(files: Record<string, number>): string {
  const root = mkdtempSync(path.join(tmpdir(), "runcoach-build-"));
  const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);
  for (const [file, secondsAgo] of Object.entries(files)) {
    const full = path.join(root, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, "x");
    utimesSync(full, ago(secondsAgo), ago(secondsAgo));
  }
  for (const file of Object.keys(files)) {
    for (let dir = path.dirname(file); dir !== "."; dir = path.dirname(dir)) utimesSync(path.join(root, dir), ago(1000), ago(1000));
  }
  return root;
}

describe("buildIsStale", () => {
  it("does not count the service worker the build wrote into public/ as a newer source", () => {
    const root = project({ "app/page.tsx": 100, ".next/BUILD_ID": 50, "public/sw.js": 10 });
    // Writing sw.js moved public/'s own mtime too.
    utimesSync(path.join(root, "public"), new Date(), new Date());
    expect(buildIsStale(root)).toBe(false);
  });

  it("is stale when a source changed after the build, or when the service worker is missing", () => {
    expect(buildIsStale(project({ ".next/BUILD_ID": 50, "public/sw.js": 40, "app/sw.ts": 10 }))).toBe(true);
    expect(buildIsStale(project({ "app/page.tsx": 100, ".next/BUILD_ID": 50 }))).toBe(true);
    expect(buildIsStale(project({ "app/page.tsx": 100, ".next/BUILD_ID": 50, "public/sw.js": 40 }))).toBe(false);
  });
});
