import { describe, expect, it } from "vitest";
import type { AudioOutput } from "./audio-output";
import { primeAudio } from "./prime-audio";

/** An element whose play() settles when the test says, like a file still loading. */
function slowElement() {
  let settle: { resolve: () => void; reject: (error: Error) => void } | null = null;
  const element: { -readonly [K in keyof AudioOutput]: AudioOutput[K] } & { pauses: number } = {
    src: "",
    volume: 1,
    muted: false,
    currentTime: 0,
    paused: true,
    pauses: 0,
    play() {
      element.paused = false;
      return new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    },
    pause() {
      element.paused = true;
      element.pauses += 1;
    },
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  return { element, settle: () => settle! };
}

describe("primeAudio", () => {
  it("plays muted, then stops and unmutes", async () => {
    const { element, settle } = slowElement();
    primeAudio(element, "/media/voice/en/step-run-60.mp3");
    expect(element).toMatchObject({ src: "/media/voice/en/step-run-60.mp3", muted: true, paused: false });
    settle().resolve();
    await Promise.resolve();
    expect(element).toMatchObject({ muted: false, paused: true });
  });

  it("leaves the element playing when the coach took it over before the priming play() settled", async () => {
    const { element, settle } = slowElement();
    primeAudio(element, "/media/voice/en/step-run-60.mp3");
    // The coach's first cue: unmuted and playing.
    element.muted = false;
    settle().resolve();
    await Promise.resolve();
    expect(element.pauses).toBe(0);
    expect(element.paused).toBe(false);
  });

  it("unmutes when the priming play() is refused or replaced", async () => {
    const { element, settle } = slowElement();
    primeAudio(element, "/media/music/jog.mp3");
    settle().reject(new Error("AbortError"));
    await Promise.resolve();
    await Promise.resolve();
    expect(element.muted).toBe(false);
  });
});
