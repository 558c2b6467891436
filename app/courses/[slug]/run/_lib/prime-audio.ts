/**
 * Starts and at once stops a muted `<audio>` inside the Start tap. Browsers allow sound to start from a
 * user gesture, and iOS Safari only lets an element play later if it once played from one; the cues and
 * music that follow, seconds or minutes later, then play through the same elements. Whoever plays on the
 * element afterwards must unmute it: that is how this knows not to pause it.
 */
import type { AudioOutput } from "./audio-output";

export function primeAudio(element: AudioOutput | null, url: string | undefined): void {
  if (!element || !url) return;
  if (!element.src) element.src = url;
  element.muted = true;
  element.play().then(
    () => {
      // The coach unmutes the element when it takes it over; its play() may come before this callback.
      if (!element.muted) return;
      element.pause();
      element.muted = false;
    },
    () => {
      // Replaced by the coach's first cue before it started (AbortError), or refused: either way, unmute.
      element.muted = false;
    },
  );
}
