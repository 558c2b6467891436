/**
 * Starts and at once stops a muted `<audio>` inside the Start tap. Browsers allow sound to start from a
 * user gesture, and iOS Safari only lets an element play later if it once played from one; the cues and
 * music that follow, seconds or minutes later, then play through the same elements.
 */
export function primeAudio(element: HTMLAudioElement | null, url: string | undefined): void {
  if (!element || !url) return;
  if (!element.getAttribute("src")) element.src = url;
  element.muted = true;
  element.play().then(
    () => {
      element.pause();
      element.muted = false;
    },
    () => {
      // Replaced by the coach's first cue before it started (AbortError), or refused: either way, unmute.
      element.muted = false;
    },
  );
}
