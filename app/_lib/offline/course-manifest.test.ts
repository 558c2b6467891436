import { describe, expect, it } from "vitest";
import { findVoiceCue, InvalidManifestError, parseCourseManifest } from "./course-manifest";

const valid = {
  slug: "w1",
  locale: "en",
  version: "abc",
  totalBytes: 30,
  files: [
    { url: "/media/voice/en/halfway.11111111.mp3", bytes: 10, kind: "voice", key: "halfway" },
    { url: "/media/voice/en/step-run-60.22222222.mp3", bytes: 10, kind: "voice" },
    { url: "/media/music/jog-150.33333333.mp3", bytes: 10, kind: "music", key: "jog-150" },
  ],
};

describe("course manifest", () => {
  it("parses the route's answer and finds a step cue by key or by file name", () => {
    const manifest = parseCourseManifest(valid);
    expect(findVoiceCue(manifest, "halfway")?.bytes).toBe(10);
    expect(findVoiceCue(manifest, "step-run-60")?.url).toBe("/media/voice/en/step-run-60.22222222.mp3");
    expect(findVoiceCue(manifest, "jog-150")).toBeUndefined();
  });

  it("names the field that is wrong", () => {
    const outside = { ...valid, files: [{ url: "https://elsewhere.example/a.mp3", bytes: 1, kind: "voice" }] };
    expect(() => parseCourseManifest(outside)).toThrow(new InvalidManifestError("files.0.url: expected a path under /media/"));
    expect(() => parseCourseManifest({ ...valid, totalBytes: -1 })).toThrow(/totalBytes/);
  });
});
