/**
 * The voice friends' cheers are said with (cheer-voice.ts): speech synthesis in the page, behind the few
 * members the coach needs, so the player runs in unit tests with a fake. `onDone` is called once per `speak`,
 * when the utterance ends, fails or is cancelled.
 */
export interface SpeechOutput {
  /** Whether the output is saying (or about to say) something. */
  readonly speaking: boolean;
  speak(text: string, options: { lang: string; volume: number }, onDone: () => void): void;
  cancel(): void;
}

/** Says nothing and is done at once: where the browser has no speech synthesis, a cheer is only shown. */
export const silentSpeech: SpeechOutput = {
  speaking: false,
  speak: (_text, _options, onDone) => queueMicrotask(onDone),
  cancel: () => undefined,
};

/** The page's `speechSynthesis`, or `silentSpeech` without one. */
export function browserSpeech(): SpeechOutput {
  if (typeof speechSynthesis === "undefined" || typeof SpeechSynthesisUtterance === "undefined") return silentSpeech;
  // Held until it ends: Chrome may drop the end event of an utterance nothing references any more.
  let current: SpeechSynthesisUtterance | null = null;
  return {
    get speaking() {
      return speechSynthesis.speaking || speechSynthesis.pending;
    },
    speak(text, { lang, volume }, onDone) {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      utterance.volume = volume;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        if (current === utterance) current = null;
        onDone();
      };
      utterance.onend = finish;
      utterance.onerror = finish; // also "interrupted" and "canceled", after cancel(), and "not-allowed"
      current = utterance;
      speechSynthesis.speak(utterance);
    },
    cancel() {
      speechSynthesis.cancel();
    },
  };
}
