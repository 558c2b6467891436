/** The index is the allow-list of `/media/*`: it must refuse entries that could point outside `media/`. */
import { describe, expect, it } from "vitest";
import { getMediaIndex, listedFiles, parseMediaIndex, resolveMediaPath, voiceCueFile } from "./media-index";

const entry = (file: string) => ({ file, bytes: 10, text: "Run for 1 minute" });

describe("media index", () => {
  it("loads the committed index with every file resolvable", () => {
    const index = getMediaIndex();
    expect(voiceCueFile(index, "ko", "halfway")?.text).toBe("절반 지났습니다");
    expect(voiceCueFile(index, "en", "constructor")).toBeUndefined();
    for (const file of listedFiles(index)) expect(resolveMediaPath(file)).toMatch(/\/media\/.+\.mp3$/);
  });

  it("refuses file names that are not generated names in their own folder", () => {
    const valid = { voice: { en: { "step-run-60": entry("voice/en/step-run-60.0123abcd.mp3") }, ko: {} }, music: [] };
    expect(() => parseMediaIndex(valid)).not.toThrow();
    for (const file of ["voice/en/../../package.json", "/etc/passwd", "voice/ko/step-run-60.0123abcd.mp3", "voice/en/step-run-90.0123abcd.mp3"]) {
      expect(() => parseMediaIndex({ ...valid, voice: { en: { "step-run-60": entry(file) }, ko: {} } }), file).toThrow();
    }
    expect(() => parseMediaIndex({ voice: { en: {} }, music: [] })).toThrow();
  });
});
