import { describe, expect, it } from "vitest";
import { fixedCueText, FIXED_CUES, stepCueKey, stepCueText } from "./cues";

describe("step cues", () => {
  it("names minutes and seconds in English with the right plural", () => {
    expect(stepCueText("run", 60, "en")).toBe("Run for 1 minute");
    expect(stepCueText("run", 90, "en")).toBe("Run for 1 minute 30 seconds");
    expect(stepCueText("walk", 120, "en")).toBe("Walk for 2 minutes");
    expect(stepCueText("sprint", 30, "en")).toBe("Sprint for 30 seconds");
    expect(stepCueText("warmup", 300, "en")).toBe("Warm up: walk for 5 minutes");
    expect(stepCueText("cooldown", 180, "en")).toBe("Cool down: walk for 3 minutes");
  });

  it("says the same in Korean", () => {
    expect(stepCueText("run", 60, "ko")).toBe("1분 동안 달리세요");
    expect(stepCueText("brisk_walk", 150, "ko")).toBe("2분 30초 동안 빠르게 걸으세요");
  });

  it("gives each step type and duration its own file key", () => {
    expect(stepCueKey("brisk_walk", 300)).toBe("step-brisk-walk-300");
    expect(new Set([stepCueKey("run", 60), stepCueKey("run", 90), stepCueKey("jog", 60)]).size).toBe(3);
  });

  it("has words for every fixed cue in both languages", () => {
    for (const cue of FIXED_CUES) {
      expect(fixedCueText(cue, "en").length).toBeGreaterThan(0);
      expect(fixedCueText(cue, "ko").length).toBeGreaterThan(0);
    }
  });
});
